# awk -f chapter.awk -v regions=FILE -v title_out=FILE README.md > page.md
#
# A chapter's markdown as the book shows it: the "# Title" line moves to
# title_out (pandoc puts it above the page's table of contents); every code
# directive gets a caption above its block, "src/view.c · infer-shape",
# linking to the line where the region starts on the file's source page
# (regions: "file<TAB>region<TAB>first line" rows, from `lit regions`);
# links to other chapters (README.md) and to docs/ are made to point inside
# the book. A link to a file of docs/ that this tree lacks (the student
# release leaves out the instructors' guide) becomes its plain text, with a
# warning. Code blocks are copied untouched.
BEGIN {
    FS = "\t"
    while ((getline row < regions) > 0) {
        split(row, f, "\t")
        first[f[1] "#" f[2]] = f[3]
    }
    FS = " "
}

function anchor_id(text) {
    gsub(/[^A-Za-z0-9]+/, "-", text)
    return "code-" text
}

function caption(target,    file, region, label, href, hash) {
    hash = index(target, "#")
    file = hash ? substr(target, 1, hash - 1) : target
    region = hash ? substr(target, hash + 1) : ""
    href = "../code/" file ".html"
    label = file
    if (region != "") {
        href = href "#L-" first[target]
        label = file " · " region
    }
    return "<p class=\"code-caption\" id=\"" anchor_id(target) "\"><a href=\"" \
           href "\" title=\"the whole file, from this region on\">" label "</a></p>"
}

/^(```|~~~)/ { fenced = !fenced; print; next }
fenced { print; next }

!titled && /^# / { titled = 1; print substr($0, 3) > title_out; next }

/^<!-- code: [^ ]+ -->$/ {
    print ""
    print caption($3)
    print ""
    print
    next
}

function exists(path,    line, ok) {
    ok = (getline line < path) >= 0
    close(path)
    return ok
}

# [text](../../docs/file#part) -> [text](../docs/file#part), or text alone
# when docs/file is not here.
function docs_links(line,    out, link, mid, text, target, file) {
    out = ""
    while (match(line, /\[[^]]*\]\(\.\.\/\.\.\/docs\/[^)]*\)/)) {
        link = substr(line, RSTART, RLENGTH)
        mid = index(link, "](")  # then "../../docs/", 11 characters
        text = substr(link, 2, mid - 2)
        target = substr(link, mid + 13, length(link) - mid - 13)
        file = target
        sub(/#.*/, "", file)
        if (exists("docs/" file)) link = "[" text "](../docs/" target ")"
        else {
            link = text
            print "book: " FILENAME ":" FNR ": docs/" file " is not in this tree: shown as text" > "/dev/stderr"
        }
        out = out substr(line, 1, RSTART - 1) link
        line = substr(line, RSTART + RLENGTH)
    }
    return out line
}

{
    $0 = docs_links($0)
    gsub(/README\.md\)/, "index.html)")
    gsub(/README\.md#/, "index.html#")
    print
}

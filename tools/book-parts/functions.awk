# awk -f functions.awk -v regions=FILE -v shown=FILE src/*.c ... > functions.md
#
# The book's index of functions: every function defined in the given C
# files, found as a definition starting at column 0 (the house style: the
# return type, the name and "(" on the first line, "{" closing the
# signature, on that line or a later one). Each name links to the chapter
# block that shows it and to its line on the file's source page.
#   regions: "file<TAB>region<TAB>first<TAB>last" rows (lit regions)
#   shown:   "file#region<TAB>chapter dir<TAB>label<TAB>short label" rows
BEGIN {
    FS = "\t"
    while ((getline row < regions) > 0) {
        split(row, f, "\t")
        n = ++count[f[1]]
        rname[f[1], n] = f[2]; rfirst[f[1], n] = f[3]; rlast[f[1], n] = f[4]
    }
    while ((getline row < shown) > 0) {
        split(row, f, "\t")
        chapter_dir[f[1]] = f[2]; chapter_label[f[1]] = f[4]
    }
    FS = " "
}

function region_of(file, line,    i) {
    for (i = 1; i <= count[file]; i++)
        if (rfirst[file, i] <= line && line <= rlast[file, i]) return rname[file, i]
    return ""
}

function anchor_id(text) {
    gsub(/[^A-Za-z0-9]+/, "-", text)
    return "code-" text
}

# A candidate: column 0, not a preprocessor line, comment, typedef or
# declaration of data; an identifier directly before the first "(".
FNR == 1 { pending = "" }
pending != "" {
    if ($0 ~ /\{[ \t]*$/) record(pending, pending_line)
    if ($0 ~ /[;{][ \t]*$/ || $0 ~ /^[^ \t]/) pending = ""
    next
}
/^[A-Za-z_]/ && !/^(typedef|struct|enum|union|extern|return)[ \t]/ && /\(/ {
    line = $0
    sub(/^__attribute__\(\(.*\)\) +/, "", line)  # __attribute__((weak)) void f(...
    head = substr(line, 1, index(line, "(") - 1)
    if (head ~ /=/ || !match(head, /[A-Za-z_][A-Za-z0-9_]*$/)) next
    name = substr(head, RSTART)
    if (line ~ /\{[ \t]*$/ && line !~ /;/) record(name, FNR)
    else if (line !~ /;[ \t]*$/) { pending = name; pending_line = FNR }
}

function record(name, line,    region, target, chapter) {
    region = region_of(FILENAME, line)
    target = FILENAME "#" region
    chapter = (target in chapter_dir) ? \
        "[" chapter_label[target] "](" chapter_dir[target] "/index.html#" anchor_id(target) ")" : "—"
    rows[++nrows] = name "\t| [`" name "`](code/" FILENAME ".html#L-" line ") | " \
        chapter " | `" FILENAME "` · `" (region == "" ? "—" : region) "` |"
}

END {
    print "| function | shown in | file · region |"
    print "|---|---|---|"
    # Sorted by name (a plain insertion sort: a few hundred rows).
    for (i = 2; i <= nrows; i++) {
        r = rows[i]
        for (j = i - 1; j >= 1 && rows[j] > r; j--) rows[j + 1] = rows[j]
        rows[j + 1] = r
    }
    for (i = 1; i <= nrows; i++) print substr(rows[i], index(rows[i], "\t") + 1)
}

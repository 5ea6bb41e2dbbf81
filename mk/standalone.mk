# The project stands alone: `make test` fails, naming file and line, when a
# file of the project cites a file outside the repository
# (tools/check-standalone).
help::
	@echo "make standalone-check  no file cites a file outside the repository"

.PHONY: standalone-check
test: standalone-check
standalone-check:
	@tools/check-standalone

// Attack (or accident): a file that does not compile. Its chapter's
// tests must score 0, with the compiler's message, never the tests of an
// older binary.
int this_does_not_compile(void) { return }

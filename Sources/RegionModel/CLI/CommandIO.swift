/// The streams a command runs with: what it reads `-` from, where its
/// report goes and where its messages go. One value, so that every
/// command has the same short signature (``RegionSimCommand`` builds it
/// once and hands it to the command it dispatches to).
struct CommandIO<Input: ByteSource, Output: TextSink, Errors: TextSink> {
  /// Standard input, for a `FILE` given as `-`.
  var input: Input
  /// Standard output: reports, recorded traces, pages.
  var output: Output
  /// Standard error: diagnostics and progress.
  var errors: Errors
}

/// Checks that the output lines of a trace that `record` or `hazards` do
/// not compare are still valid records, the cheap ways first: a line the
/// reading thread read as a ``QuickOutput`` is one (it is canonical); so is
/// a line with exactly the bytes of the model's line at its place, when the
/// model's lines are written (`record`); only the others are parsed.
/// Parsing every output line cost more than the rest of a hazard scan.
struct OutputLineValidator {
  /// The place, among the current input's outputs, of the next line.
  private var index = 0

  /// A new input starts: its outputs follow.
  mutating func startInput() { index = 0 }

  /// Checks output line `number`, whose record starts after the `>` at
  /// `recordStart`, as the replayer read it, against its outputs, the
  /// model's lines for the input (empty unless it writes them).
  mutating func check(
    _ line: UnsafeBufferPointer<UInt8>, recordStart: Int, number: Int,
    replayer: inout TraceReplayer
  ) throws(TraceError) {
    let place = index
    index += 1
    if case .none = replayer.quickOutput {} else { return }
    let record = UnsafeBufferPointer(rebasing: line[(recordStart - 1)...])
    if place < replayer.outputs.count, replayer.outputs.line(place, equals: record) { return }
    _ = try TraceStream.outputRecord(line, after: recordStart, number: number)
  }
}

/// Checks that the output lines of a trace that `record` or `hazards` do
/// not compare are still valid records, the cheap way first: a line with
/// exactly the bytes of the model's line at its place is one (the model
/// writes only canonical records), and only the others are parsed.
/// Parsing every output line cost more than the rest of a hazard scan.
struct OutputLineValidator {
  /// The place, among the current input's outputs, of the next line.
  private var index = 0

  /// A new input starts: its outputs follow.
  mutating func startInput() { index = 0 }

  /// Checks output line `number`, whose record starts after the `>` at
  /// `recordStart`, against `outputs`, the model's lines for the input.
  mutating func check(
    _ line: UnsafeBufferPointer<UInt8>, recordStart: Int, number: Int, outputs: OutputLines
  ) throws(TraceError) {
    let place = index
    index += 1
    let record = UnsafeBufferPointer(rebasing: line[(recordStart - 1)...])
    if place < outputs.count, outputs.line(place, equals: record) { return }
    _ = try TraceStream.outputRecord(line, after: recordStart, number: number)
  }
}

/// The outputs of one input as canonical lines, in one reused buffer: what
/// `record` writes after the input and what `check` compares the trace's
/// output lines with, byte for byte.
public struct OutputLines: Sendable {
  /// The lines' bytes, each followed by a line feed.
  private var buffer: ByteBuffer
  /// A reused array for the lines ``CanonicalForm`` writes.
  private var scratch: [UInt8]
  /// Where each line ends (its line feed's index): the first ``count``
  /// entries; later ones are leftovers of earlier inputs, overwritten as
  /// lines are added, so that starting over is setting the count to zero
  /// (emptying the array was a generic range replacement per input).
  private var ends: [Int]
  /// The number of lines.
  public private(set) var count: Int
  /// Whether the last line is the input's result.
  public private(set) var endsWithResult: Bool

  /// No lines, with room for 4 KiB of them.
  public init() {
    self.init(reservingBytes: 1 << 12)
  }

  /// No lines, with room for `capacity` bytes of them: 0 allocates
  /// nothing, for a buffer only swapped in to be rendered into.
  init(reservingBytes capacity: Int) {
    buffer = ByteBuffer(capacity: capacity)
    scratch = []
    ends = []
    count = 0
    endsWithResult = false
  }

  /// The lines' bytes, each followed by a line feed.
  public var bytes: ArraySlice<UInt8> { buffer.bytes }

  /// Calls `body` with the lines' bytes.
  public func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    buffer.withBytes(body)
  }

  /// Replaces the lines with the canonical form of `calls` then `result`.
  /// Inlined into the replayer, so that the names are read where they are
  /// stored: passed to a call, all of `Names` (336 bytes) was copied to the
  /// stack for every input.
  @inline(__always)
  mutating func render(calls: ArraySlice<CallRecord>, result: Outcome?, names: Names) {
    // Both only reset counts: nothing is freed or destroyed.
    buffer.removeAll()
    count = 0
    // Through the storage: `calls[index]` would copy each call out.
    calls.withUnsafeBufferPointer { calls in
      for index in calls.indices {
        if !HotCallLine.append(calls[index], names: names, to: &buffer) {
          scratch.removeAll(keepingCapacity: true)
          CanonicalForm.append(calls[index], names: names, to: &scratch)
          scratch.append(UInt8(ascii: "\n"))
          scratch.withUnsafeBufferPointer { buffer.append($0) }
        }
        addLine()
      }
    }
    endsWithResult = result != nil
    if let result {
      HotCallLine.append(result, to: &buffer)
      addLine()
    }
  }

  /// Ends a line at the buffer's last byte.
  private mutating func addLine() {
    if count < ends.count {
      ends[count] = buffer.count - 1
    } else {
      ends.append(buffer.count - 1)
    }
    count += 1
  }

  /// Whether line `index` is the result.
  public func isResult(_ index: Int) -> Bool {
    endsWithResult && index == count - 1
  }

  /// Whether line `index` has exactly the bytes `line`.
  func line(_ index: Int, equals line: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = index == 0 ? 0 : ends[index - 1] + 1
    let end = ends[index]
    return buffer.withBytes { ByteScan.equal(UnsafeBufferPointer(rebasing: $0[start..<end]), line) }
  }

  /// Line `index` parsed back into a record (for a mismatch report, or to
  /// compare with a line that is not written canonically).
  func record(_ index: Int) -> OutputRecord? {
    let start = index == 0 ? 0 : ends[index - 1] + 1
    let end = ends[index]
    return buffer.withBytes { all in
      let line = UnsafeBufferPointer(rebasing: all[(start + 1)..<end])
      return try? OutputRecordParser.parse(line, after: 0)
    }
  }
}

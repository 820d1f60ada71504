/// Compares the expected outputs of a trace with the model's, one input at a
/// time, as Docs/TraceFormat.md says `check` does.
///
/// For each input the model's outputs are its calls in order, then its
/// result if it yields one. The trace's output lines after the input must be
/// exactly those, except that the result may be left out at the end. So
/// calls are compared one for one and in order (no call line means no call),
/// and a result line after an input that yields none is a mismatch.
///
/// A line written canonically is compared by its bytes with the model's
/// canonical line, so the common case parses nothing; any other line is
/// parsed and compared as a record. The input's text is kept (in a reused
/// buffer) only for the report.
public struct TraceChecker: Sendable {
  /// The model's calls for the pending input, taken from the replayer.
  private var calls: CallLog
  /// The model's result for the pending input, if it yields one.
  private var result: Outcome?
  /// How many outputs the pending input has: its calls, then its result.
  private var actualCount: Int
  /// The model's output lines for the pending input, written only when a
  /// line is not compared as a ``QuickOutput`` (see ``isRendered``).
  private var actual: OutputLines
  /// Whether ``actual`` holds the pending input's lines.
  private var isRendered: Bool
  /// How many outputs have been matched.
  private var cursor: Int
  /// Whether an input is pending.
  private var pending: Bool
  /// The pending input's line number and trimmed bytes: the first
  /// `inputLength` bytes of `inputText`, a buffer that only grows, so that
  /// keeping an input's text is one memory copy.
  private var inputLine: Int
  private var inputText: [UInt8]
  private var inputLength: Int
  /// What has been compared so far.
  public private(set) var statistics: CheckStatistics
  /// The first mismatch, once found; nothing is compared after it.
  public private(set) var mismatch: Mismatch? {
    didSet { mismatched = mismatch != nil }
  }
  /// Whether ``mismatch`` is set: what every line asks, without copying
  /// the optional mismatch to look at it.
  private var mismatched: Bool
  /// The statistics as they stood at the first mismatch.
  public private(set) var statisticsAtMismatch: CheckStatistics

  /// A checker at the start of a trace.
  public init() {
    calls = CallLog()
    result = nil
    actualCount = 0
    actual = OutputLines()
    isRendered = false
    cursor = 0
    pending = false
    inputLine = 0
    inputText = []
    inputLength = 0
    statistics = CheckStatistics()
    mismatch = nil
    mismatched = false
    statisticsAtMismatch = CheckStatistics()
  }
}

// MARK: - Comparing

extension TraceChecker {
  /// Takes a replayed input: closes the one before (returning its mismatch,
  /// if any) and makes this one pending.
  ///
  /// The input's calls are taken from the replayer by swapping buffers, so
  /// that neither side copies or allocates.
  public mutating func consumeInput(
    _ replayer: inout TraceReplayer, line: Int, text: UnsafeBufferPointer<UInt8>
  ) {
    guard !mismatched else { return }
    // Only an input with outputs left unlisted builds a mismatch (a large
    // optional value, not made for every input).
    if hasUnlistedOutputs {
      // Written before this input was replayed (`prepareForNextLine`), so
      // its names are the ones they were; a caller that did not prepare
      // gets them written with today's names.
      render(names: replayer.simulation.names)
      pending = false
      noteMismatch(unlistedMismatch(at: line))
      return
    }
    statistics.inputs += 1
    swap(&calls, &replayer.log)
    // Swapped, not copied: a copy retained the message of every result.
    swap(&result, &replayer.result)
    actualCount = calls.count + (result == nil ? 0 : 1)
    isRendered = false
    cursor = 0
    pending = true
    inputLine = line
    keepInputText(Self.trimmedRange(text))
  }

  /// Called before a line that is not an output is replayed, and at the
  /// end of the trace: if the
  /// pending input has outputs the trace did not list, writes them out
  /// now, while the names they hold still mean what they meant (replaying
  /// the next input may release names and reuse their ids).
  public mutating func prepareForNextLine(_ replayer: inout TraceReplayer) {
    if !mismatched, hasUnlistedOutputs { render(names: replayer.simulation.names) }
  }

  /// Writes the pending input's outputs into ``actual``, once.
  private mutating func render(names: Names) {
    guard !isRendered else { return }
    actual.render(calls: calls.calls, result: result, names: names)
    isRendered = true
  }

  /// Copies `text` into the input text buffer.
  private mutating func keepInputText(_ text: UnsafeBufferPointer<UInt8>) {
    if inputText.count < text.count {
      inputText = [UInt8](repeating: 0, count: max(text.count, 2 * inputText.count))
    }
    if let source = text.baseAddress {
      inputText.withUnsafeMutableBufferPointer { buffer in
        buffer.baseAddress.map { $0.update(from: source, count: text.count) }
      }
    }
    inputLength = text.count
  }

  private mutating func noteMismatch(_ found: Mismatch) {
    mismatch = found
    statisticsAtMismatch = statistics
  }

  /// Takes an expected output line (`line` is its bytes, the record starting
  /// after `recordStart`), noting the first mismatch. Throws if the line
  /// is not a valid output record. The replayer gives the line's record if
  /// ``QuickOutput`` read one, and the names to write the model's lines
  /// with when they must be compared as text.
  public mutating func consumeOutput(
    _ bytes: UnsafeBufferPointer<UInt8>, recordStart: Int, line: Int,
    replayer: inout TraceReplayer
  ) throws(TraceError) {
    let quick = replayer.quickOutput
    if !mismatched, pending, cursor < actualCount {
      if matches(cursor, quick, bytes, &replayer) {
        statistics.outputLines += 1
        count(matched: cursor)
        return
      }
      // A canonical line of a kind `QuickOutput` reads that does not match
      // would not match byte for byte either: only other lines are
      // compared by their bytes.
      if case .none = quick {
        render(names: replayer.simulation.names)
        if actual.line(cursor, equals: bytes) {
          statistics.outputLines += 1
          count(matched: cursor)
          return
        }
      }
    }
    guard !mismatched else {
      _ = try TraceStream.outputRecord(bytes, after: recordStart, number: line)
      return
    }
    statistics.outputLines += 1
    guard pending else {
      _ = try TraceStream.outputRecord(bytes, after: recordStart, number: line)
      return
    }
    let expected = try TraceStream.outputRecord(bytes, after: recordStart, number: line)
    render(names: replayer.simulation.names)
    let model = cursor < actualCount ? actual.record(cursor) : nil
    if let model, model == expected {
      count(matched: cursor)
      return
    }
    var note: String? = nil
    if expected.isResult, result == nil {
      note = "this input yields no result line"
    }
    pending = false
    noteMismatch(
      Mismatch(
        inputLine: inputLine, inputText: text(), expectedLine: line, expected: expected,
        actual: model, note: note))
  }

  /// Whether the model's output `index` is the record `quick` read from
  /// `bytes`: the same as comparing the canonical lines, since `quick` is
  /// only read from a canonical line.
  /// The replayer's names are read in place (`inout` only so that they
  /// are not copied).
  @inline(__always)
  private func matches(
    _ index: Int, _ quick: QuickOutput, _ bytes: UnsafeBufferPointer<UInt8>,
    _ replayer: inout TraceReplayer
  ) -> Bool {
    if index < calls.count {
      switch (calls.call(index), quick) {
      case (.map(let region, let ret), .map(let expected, let expectedRet)):
        return region == expected && ret == expectedRet
      case (.unmap(let region), .unmap(let expected)):
        return region == expected
      case (
        .submit(let request, let node, let buffer),
        .submit(let r, let n, let addr, let len, let via)
      ):
        let written: UInt8 = buffer.zeroes ? 2 : buffer.bounce ? 1 : 0
        return buffer.addr == addr && buffer.len == len && written == via
          && replayer.simulation.names.requests.withBytes(request) {
            ByteScan.equal($0, r.bytes(in: bytes))
          }
          && replayer.simulation.names.nodes.withBytes(node) {
            ByteScan.equal($0, n.bytes(in: bytes))
          }
      case (.wait(let request, let node), .wait(let r, let n)):
        return replayer.simulation.names.requests.withBytes(request) {
          ByteScan.equal($0, r.bytes(in: bytes))
        }
          && replayer.simulation.names.nodes.withBytes(node) {
            ByteScan.equal($0, n.bytes(in: bytes))
          }
      case (.done(let request, let ret), .done(let r, let expectedRet)):
        return ret == expectedRet
          && replayer.simulation.names.requests.withBytes(request) {
            ByteScan.equal($0, r.bytes(in: bytes))
          }
      default:
        return false
      }
    }
    switch (result, quick) {
    case (.ok, .ok):
      return true
    case (.error(var message), .error(let textStart)):
      let text = UnsafeBufferPointer(rebasing: bytes[Int(textStart)...])
      return message.withUTF8 { ByteScan.equal($0, text) }
    default:
      return false
    }
  }

  /// Ends the trace at line `lastLine`, noting a mismatch if the last
  /// input's calls were not all listed.
  public mutating func finish(lastLine: Int) {
    guard !mismatched, let found = closePending(at: lastLine + 1) else { return }
    noteMismatch(found)
  }

  private mutating func count(matched index: Int) {
    if isResult(index) {
      statistics.resultsChecked += 1
    } else {
      statistics.callsChecked += 1
    }
    cursor += 1
  }

  /// Ends the pending input: what the model did that the trace did not list
  /// is a mismatch, but for the result, which may be left out.
  private mutating func closePending(at line: Int) -> Mismatch? {
    guard hasUnlistedOutputs else {
      pending = false
      return nil
    }
    pending = false
    return unlistedMismatch(at: line)
  }

  /// Whether the pending input's output `index` is its result.
  private func isResult(_ index: Int) -> Bool {
    result != nil && index == actualCount - 1
  }

  /// Whether the pending input has outputs the trace did not list (a
  /// missing result does not count).
  private var hasUnlistedOutputs: Bool {
    guard pending else { return false }
    let remaining = actualCount - cursor
    return remaining > 0 && !(remaining == 1 && isResult(cursor))
  }

  /// The mismatch of the pending input's first unlisted output, found at
  /// line `line`.
  private func unlistedMismatch(at line: Int) -> Mismatch {
    Mismatch(
      inputLine: inputLine, inputText: text(), expectedLine: line, expected: nil,
      actual: actual.record(cursor), note: nil)
  }

  private func text() -> String {
    String(decoding: inputText[..<inputLength], as: UTF8.self)
  }

  /// `text` without white space at either end.
  static func trimmedRange(_ text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var start = 0
    var end = text.count
    while start < end, ByteClass.isWhiteSpace(text[start]) { start += 1 }
    while end > start, ByteClass.isWhiteSpace(text[end - 1]) { end -= 1 }
    return UnsafeBufferPointer(rebasing: text[start..<end])
  }

  /// `text` trimmed, as a string.
  static func trimmed(_ text: UnsafeBufferPointer<UInt8>) -> String {
    String(decoding: trimmedRange(text), as: UTF8.self)
  }
}

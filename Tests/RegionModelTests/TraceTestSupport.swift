import RegionModel

/// Helpers that run the library's check and record on in-memory traces.
enum TraceTestSupport {
  static func parse(_ line: String) throws(TraceSyntaxError) -> TraceLine {
    let bytes = Array(line.utf8)
    let result = bytes.withUnsafeBufferPointer { buffer -> Result<TraceLine, TraceSyntaxError> in
      do throws(TraceSyntaxError) {
        return .success(try TraceLineParser.parse(buffer))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  /// The input a line holds; a line that holds none is a test failure.
  static func input(_ line: String) throws -> TraceInput {
    guard case .input(let input) = try parse(line) else {
      throw TraceSyntaxError("not an input: \(line)")
    }
    return input
  }

  static func check(_ text: String, chunkSize: Int = 1 << 16) -> CheckOutcome {
    TraceCheck.run(source: MemorySource(text, chunkSize: chunkSize))
  }

  static func check(_ bytes: [UInt8]) -> CheckOutcome {
    TraceCheck.run(source: MemorySource(bytes))
  }

  static func record(_ text: String) -> (RecordOutcome, String) {
    var sink = MemorySink()
    let outcome = TraceRecord.run(source: MemorySource(text), sink: &sink)
    return (outcome, sink.text)
  }

  /// The line of an invalid outcome, nil for any other outcome.
  static func invalidLine(_ outcome: CheckOutcome) -> Int? {
    if case .failed(.invalid(let error)) = outcome { return error.line }
    return nil
  }

  static func passed(_ outcome: CheckOutcome) -> Bool {
    if case .passed = outcome { return true }
    return false
  }

  static func mismatch(_ outcome: CheckOutcome) -> Mismatch? {
    if case .mismatch(let mismatch, _) = outcome { return mismatch }
    return nil
  }
}

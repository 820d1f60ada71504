/// `check` of one trace, streamed: each line is read, replayed and compared
/// before the next is read.
///
/// An invalid trace is reported as invalid even when its outputs already
/// differed earlier: after the first mismatch the rest of the trace is still
/// replayed, without comparing, to make sure it is valid.
public enum TraceCheck {
  /// Checks the trace `source` holds.
  public static func run(source: some ByteSource) -> CheckOutcome {
    var reader = LineReader(source: source)
    var replayer = TraceReplayer()
    var checker = TraceChecker()
    var firstMismatch: Mismatch?
    var statistics = CheckStatistics()
    while true {
      let stepResult: Result<Void, TraceError>?
      do throws(LineReadError) {
        stepResult = try reader.nextLine { line, number -> Result<Void, TraceError> in
          do throws(TraceError) {
            let step = try replayer.step(line, number: number)
            if firstMismatch == nil,
              let mismatch = checker.consume(step, line: number, text: line)
            {
              firstMismatch = mismatch
              statistics = checker.statistics
            }
            return .success(())
          } catch {
            return .failure(error)
          }
        }
      } catch {
        return outcome(of: error)
      }
      switch stepResult {
      case nil:
        do {
          try replayer.finish(lastLine: reader.lineNumber)
        } catch {
          return .invalid(error)
        }
        if let firstMismatch { return .mismatch(firstMismatch, statistics) }
        if let mismatch = checker.finish(lastLine: reader.lineNumber) {
          return .mismatch(mismatch, checker.statistics)
        }
        return .passed(checker.statistics)
      case .failure(let error)?:
        return .invalid(error)
      case .success?:
        continue
      }
    }
  }

  /// The outcome for a line that could not be read.
  static func outcome(of error: LineReadError) -> CheckOutcome {
    switch error {
    case .read(let readError, let line):
      .unreadable(readError, line: line)
    case .lineTooLong(let limit, let line):
      .invalid(TraceError(line: line, message: "the line is longer than \(limit) bytes"))
    }
  }
}

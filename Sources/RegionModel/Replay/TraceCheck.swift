/// `check` of one trace, streamed: each line is read, replayed and compared
/// before the next is read.
public enum TraceCheck {
  /// Checks the trace `source` holds.
  public static func run(source: some ByteSource) -> CheckOutcome {
    var reader = LineReader(source: source)
    var replayer = TraceReplayer()
    var checker = TraceChecker()
    while true {
      let stepResult: Result<Mismatch?, TraceError>?
      do throws(LineReadError) {
        stepResult = try reader.nextLine { line, number -> Result<Mismatch?, TraceError> in
          do throws(TraceError) {
            let step = try replayer.step(line, number: number)
            return .success(checker.consume(step, line: number, text: line))
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
        if let mismatch = checker.finish(lastLine: reader.lineNumber) {
          return .mismatch(mismatch, checker.statistics)
        }
        return .passed(checker.statistics)
      case .failure(let error)?:
        return .invalid(error)
      case .success(let mismatch?)?:
        return .mismatch(mismatch, checker.statistics)
      case .success(nil)?:
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

/// `check` of one trace, streamed: each line is read, replayed and compared
/// before the next is read.
///
/// An invalid trace is reported as invalid even when its outputs already
/// differed earlier: after the first mismatch the rest of the trace is still
/// replayed, without comparing, to make sure it is valid.
public enum TraceCheck {
  /// Checks the trace `source` holds.
  public static func run(source: some ByteSource, variant: DriverVariant = .seed) -> CheckOutcome {
    var checker = TraceChecker()
    var firstMismatch: Mismatch?
    var statisticsAtMismatch = CheckStatistics()
    let replayed = TraceStream.replay(source: source, variant: variant) { step, number, line in
      guard firstMismatch == nil,
        let mismatch = checker.consume(step, line: number, text: line)
      else { return }
      firstMismatch = mismatch
      statisticsAtMismatch = checker.statistics
    }
    switch replayed {
    case .failure(let failure):
      return .failed(failure)
    case .success(let summary):
      if let firstMismatch { return .mismatch(firstMismatch, statisticsAtMismatch) }
      if let mismatch = checker.finish(lastLine: summary.lines) {
        return .mismatch(mismatch, checker.statistics)
      }
      return .passed(checker.statistics)
    }
  }
}

/// `check` of one trace, streamed: each line is read, replayed and compared
/// before the next is read.
///
/// An invalid trace is reported as invalid even when its outputs already
/// differed earlier: after the first mismatch the rest of the trace is still
/// replayed, without comparing, to make sure it is valid. With
/// `onHazard`, the same single pass also watches for hazards and hands each
/// to `onHazard` as soon as its input is replayed.
public enum TraceCheck {
  /// Checks the trace `source` holds.
  public static func run(source: some ByteSource, variant: DriverVariant = .seed) -> CheckOutcome {
    run(source: source, variant: variant, watchesHazards: false) { _ in }
  }

  /// Checks the trace `source` holds and, in the same pass, hands each
  /// hazard to `onHazard` as soon as its input is replayed.
  public static func run(
    source: some ByteSource, variant: DriverVariant = .seed,
    onHazard: (LocatedHazard) -> Void
  ) -> CheckOutcome {
    run(source: source, variant: variant, watchesHazards: true) { onHazard($0.located) }
  }

  /// Checks the trace and hands each hazard to `onHazard` as bytes (when
  /// `watchesHazards`): what `check --hazards` writes its report from.
  static func run(
    source: some ByteSource, variant: DriverVariant, watchesHazards: Bool,
    onHazard: (HazardBytes) -> Void
  ) -> CheckOutcome {
    var checker = TraceChecker()
    let replayed = TraceStream.replay(
      source: source, variant: variant, watchesHazards: watchesHazards
    ) { (replayer, kind, number, line) throws(TraceError) in
      switch kind {
      case .nothing:
        return
      case .input:
        if watchesHazards {
          HazardScan.report(&replayer, line: number, text: line, to: onHazard)
        }
        checker.consumeInput(&replayer.outputs, line: number, text: line)
      case .output(let recordStart):
        try checker.consumeOutput(line, recordStart: recordStart, line: number)
      }
    }
    switch replayed {
    case .failure(let failure):
      return .failed(failure)
    case .success(let summary):
      checker.finish(lastLine: summary.lines)
      if let mismatch = checker.mismatch {
        return .mismatch(mismatch, checker.statisticsAtMismatch)
      }
      return .passed(checker.statistics)
    }
  }
}

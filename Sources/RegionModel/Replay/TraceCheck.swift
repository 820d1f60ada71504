/// `check` of one trace, streamed: each line is read, replayed and compared
/// before the next is read.
///
/// An invalid trace is reported as invalid even when its outputs already
/// differed earlier: after the first mismatch the rest of the trace is still
/// replayed, without comparing, to make sure it is valid. With
/// `onHazard`, the same single pass also watches for hazards and hands each
/// to `onHazard` as soon as its input is replayed.
public enum TraceCheck {
  /// Checks the trace `source` holds (`readAhead`: see
  /// ``TraceStream/replay(source:variant:watchesHazards:rendersOutputs:overridesPin:readAhead:willReplayLine:_:)``).
  public static func run(
    source: some ByteSource, variant: DriverVariant = .seed, readAhead: ReadAhead = .whenSafe
  ) -> CheckOutcome {
    run(source: source, variant: variant, watchesHazards: false, readAhead: readAhead) { _ in }
  }

  /// Checks the trace `source` holds and, in the same pass, hands each
  /// hazard to `onHazard` as soon as its input is replayed.
  public static func run(
    source: some ByteSource, variant: DriverVariant = .seed, readAhead: ReadAhead = .whenSafe,
    onHazard: (LocatedHazard) -> Void
  ) -> CheckOutcome {
    run(source: source, variant: variant, watchesHazards: true, readAhead: readAhead) {
      onHazard($0.located)
    }
  }

  /// Checks the trace and hands each hazard to `onHazard` as bytes (when
  /// `watchesHazards`): what `check --hazards` writes its report from.
  static func run(
    source: some ByteSource, variant: DriverVariant, watchesHazards: Bool,
    readAhead: ReadAhead = .whenSafe, onHazard: (HazardBytes) -> Void
  ) -> CheckOutcome {
    var checker = TraceChecker()
    // The checker compares the model's calls with the lines as records
    // where it can (`QuickOutput`) and writes the model's lines out only
    // where it must, so the replayer does not render them.
    let replayed = TraceStream.replay(
      source: source, variant: variant, watchesHazards: watchesHazards, rendersOutputs: false,
      readAhead: readAhead, willReplayLine: { checker.prepareForNextLine(&$0) }
    ) { (replayer, kind, number, line) throws(TraceError) in
      switch kind {
      case .nothing:
        return
      case .input:
        if watchesHazards {
          HazardScan.report(&replayer, line: number, text: line, to: onHazard)
        }
        checker.consumeInput(&replayer, line: number, text: line)
      case .output(let recordStart):
        try checker.consumeOutput(
          line, recordStart: recordStart, line: number, replayer: &replayer)
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

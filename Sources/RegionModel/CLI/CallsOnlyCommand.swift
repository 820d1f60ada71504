/// `regionsim check --calls-only CAPTURE [--ram TRACE]`: the check of a
/// capture of a real QEMU's libblkio calls (``CallsOnlyCheck``).
enum CallsOnlyCommand {
  static func run<Input: ByteSource, Output: TextSink, Errors: TextSink>(
    _ parsed: ParsedArguments, variant asked: DriverVariant, capture: String,
    io: inout CommandIO<Input, Output, Errors>
  ) -> ExitStatus {
    let quiet = parsed.flags.contains("--quiet") || parsed.flags.contains("-q")
    guard parsed.operands.isEmpty, !parsed.flags.contains("--hazards") else {
      io.errors.writeLine(
        "regionsim check: --calls-only checks one capture and takes no trace or --hazards; "
          + "usage: regionsim check --calls-only CAPTURE [--ram TRACE]")
      return .usage
    }
    var ram = RAMTraceInputs(inputs: [])
    if let ramPath = parsed.values["--ram"] {
      switch readRAMTrace(ramPath, input: io.input) {
      case .success(let inputs): ram = inputs
      case .failure(let failure):
        io.errors.writeLine(failure.message(file: ramPath))
        return ExitStatus(failure)
      }
    } else {
      io.errors.writeLine(
        "\(capture): warning: no --ram TRACE: the model knows no RAMBlock, so it maps no guest "
          + "memory; 'regionsim import' writes the RAM map")
    }
    // Two passes over the capture (the held-back blocks first), so standard
    // input is read once into memory.
    var stdinBytes: [UInt8]?
    if capture == "-" {
      do throws(ReadError) {
        stdinBytes = try io.input.readAll() ?? []
      } catch {
        io.errors.writeLine(TraceFailure.unreadable(error, line: 1).message(file: "<stdin>"))
        return .unreadable
      }
    }
    let name = capture == "-" ? "<stdin>" : capture
    func withCapture<R>(_ body: (any ByteSource) throws(TraceFailure) -> R) -> Result<
      R, TraceFailure
    > {
      let file = stdinBytes.map { MemorySource($0) } ?? MemorySource([])
      return TraceFileOpener.withSource(path: capture, input: file) { source in
        Result { () throws(TraceFailure) in try body(source) }
      }
    }
    let survey: CaptureSurvey
    switch withCapture({ source throws(TraceFailure) in try CallsOnlyCheck.survey(source) }) {
    case .failure(let failure):
      io.errors.writeLine(failure.message(file: name))
      return ExitStatus(failure)
    case .success(let found):
      survey = found
    }
    let variant = chooseVariant(
      given: parsed.values["--variant"] == nil ? nil : asked, survey.release, capture: name,
      quiet: quiet, io: &io)
    let held = survey.heldBack
    var output = io.output
    let outcome = withCapture { source in
      CallsOnlyCheck.run(capture: source, ram: ram, heldBack: held, variant: variant) {
        assumption in
        if !quiet { output.writeLine("\(name):\(assumption.line): assumed: \(assumption.text)") }
      }
    }
    io.output = output
    switch outcome {
    case .failure(let failure):
      io.errors.writeLine(failure.message(file: name))
      return ExitStatus(failure)
    case .success(.invalidCapture(let failure)):
      io.errors.writeLine(failure.message(file: name))
      return ExitStatus(failure)
    case .success(.mismatch(let mismatch, _)):
      for line in mismatch.report(file: name) { io.output.writeLine(line) }
      return .mismatch
    case .success(.passed(let statistics)):
      if !quiet {
        io.output.writeLine(
          "\(name): ok, \(CheckCommand.count(statistics.mapsChecked, "map")) and "
            + "\(CheckCommand.count(statistics.unmapsChecked, "unmap")) checked against the model "
            + "(\(CheckCommand.count(statistics.instances, "blkio instance")), "
            + "\(CheckCommand.count(statistics.events, "event")))"
            + (statistics.bouncePoolCalls > 0
              ? "; \(CheckCommand.count(statistics.bouncePoolCalls, "bounce-pool call")) not "
                + "compared (guest I/O is not in the capture)" : ""))
      }
      if statistics.records == 0 {
        io.errors.writeLine("\(name): warning: the capture has no call records")
      }
      return .success
    }
  }

  /// The variant to model the capture with: the one given, else the one
  /// the capture's open sequences point to, else the newest release (a
  /// real QEMU is a release, not the series as posted). Says which, and
  /// notes a given variant the capture contradicts.
  private static func chooseVariant<Input: ByteSource, Output: TextSink, Errors: TextSink>(
    given: DriverVariant?, _ hint: ReleaseHint?, capture name: String, quiet: Bool,
    io: inout CommandIO<Input, Output, Errors>
  ) -> DriverVariant {
    let variant = given ?? hint?.variant ?? .merged
    if let given, let hint, hint.certain || given == .seed, hint.variant != given {
      io.errors.writeLine(
        "\(name): note: the capture points to variant '\(hint.variant.rawValue)', not "
          + "'\(given.rawValue)': \(hint.reason)")
    }
    guard !quiet else { return variant }
    let why: String
    switch (given, hint) {
    case (.some, _): why = ""
    case (nil, let hint?): why = " (\(hint.reason))"
    case (nil, nil):
      why = " (nothing in it tells the release: the newest modelled; give --variant for yours)"
    }
    io.output.writeLine(
      "\(name): assumed: the QEMU that made the capture behaves as variant '\(variant.rawValue)'"
        + why)
    return variant
  }

  private static func readRAMTrace(_ path: String, input: some ByteSource)
    -> Result<RAMTraceInputs, TraceFailure>
  {
    TraceFileOpener.withSource(path: path, input: input) { source in
      Result { () throws(TraceFailure) in try RAMTraceInputs.read(source) }
    }
  }
}

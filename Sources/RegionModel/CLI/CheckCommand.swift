/// `regionsim check [--quiet] [--hazards] [--variant NAME] FILE...`.
enum CheckCommand {
  static func run<Input: ByteSource, Output: TextSink, Errors: TextSink>(
    _ parsed: ParsedArguments, variant: DriverVariant, io: inout CommandIO<Input, Output, Errors>
  ) -> ExitStatus {
    if let capture = parsed.values["--calls-only"] {
      return CallsOnlyCommand.run(parsed, variant: variant, capture: capture, io: &io)
    }
    if parsed.values["--ram"] != nil {
      io.errors.writeLine("regionsim check: --ram goes with --calls-only CAPTURE")
      return .usage
    }
    let quiet = parsed.flags.contains("--quiet") || parsed.flags.contains("-q")
    guard !parsed.operands.isEmpty else {
      io.errors.writeLine("regionsim check: no trace given; usage: regionsim check FILE...")
      return .usage
    }
    let watchHazards = parsed.flags.contains("--hazards")
    var worst = ExitStatus.success
    for file in parsed.operands {
      let name = file == "-" ? "<stdin>" : file
      // With --hazards, the hazards are written as they are found, in the
      // same pass that checks the outputs.
      var hazardReport = HazardReport(file: name, json: false)
      func check(_ source: some ByteSource) -> CheckOutcome {
        guard watchHazards else { return TraceCheck.run(source: source, variant: variant) }
        return TraceCheck.run(source: source, variant: variant, watchesHazards: true) {
          hazardReport.write($0, to: &io.output)
        }
      }
      let outcome: CheckOutcome
      if file == "-" {
        outcome = check(io.input)
      } else {
        switch TraceFileOpener.withDescriptor(
          path: file, { descriptor in check(FileDescriptorSource(descriptor: descriptor)) })
        {
        case .success(let checked): outcome = checked
        case .failure(let error):
          io.errors.writeLine(TraceFailure.cannotOpen(error).message(file: file))
          worst = max(worst, .unreadable)
          continue
        }
      }
      let status = report(
        outcome, file: name, quiet: quiet, standardOutput: &io.output,
        standardError: &io.errors)
      worst = max(worst, status)
      if watchHazards, status != .invalidTrace, status != .unreadable {
        hazardReport.writeTotal(to: &io.output)
        if hazardReport.count > 0 { worst = max(worst, .mismatch) }
      }
    }
    return worst
  }

  static func report(
    _ outcome: CheckOutcome, file: String, quiet: Bool,
    standardOutput: inout some TextSink, standardError: inout some TextSink
  ) -> ExitStatus {
    switch outcome {
    case .passed(let statistics):
      if !quiet {
        standardOutput.writeLine(
          "\(file): ok, \(count(statistics.inputs, "input")), "
            + "\(count(statistics.callsChecked, "call")) and "
            + "\(count(statistics.resultsChecked, "result")) checked")
      }
      if statistics.inputs == 0 {
        standardError.writeLine(
          "\(file): warning: the trace has no inputs, so check verified nothing but its header")
      }
      if statistics.inputs > 0, statistics.outputLines == 0 {
        standardError.writeLine(
          "\(file): warning: the trace has no output lines, so check verified only that the "
            + "model makes no call; 'regionsim record \(file)' writes the expected outputs")
      }
      return .success
    case .mismatch(let mismatch, let statistics):
      for line in mismatch.report(file: file) { standardOutput.writeLine(line) }
      if statistics.outputLines == 0 {
        standardOutput.writeLine(
          "  (the trace has no output lines at all; 'regionsim record \(file)' writes them)")
      }
      return .mismatch
    case .failed(let failure):
      standardError.writeLine(failure.message(file: file))
      return ExitStatus(failure)
    }
  }

  static func count(_ value: Int, _ noun: String) -> String {
    "\(value) \(noun)\(value == 1 ? "" : "s")"
  }
}

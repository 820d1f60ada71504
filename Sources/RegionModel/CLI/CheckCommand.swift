/// `regionsim check [--quiet] [--hazards] [--variant NAME] FILE...`.
enum CheckCommand {
  static func run(
    _ arguments: [String],
    standardInput: inout some ByteSource,
    standardOutput: inout some TextSink,
    standardError: inout some TextSink
  ) -> ExitStatus {
    guard
      let (parsed, variant) = ParsedArguments.parse(
        arguments, command: "check", flags: ["--quiet", "-q", "--hazards"],
        options: ["--variant"], errors: &standardError)
    else { return .usage }
    let quiet = parsed.flags.contains("--quiet") || parsed.flags.contains("-q")
    guard !parsed.operands.isEmpty else {
      standardError.writeLine("regionsim check: no trace given; usage: regionsim check FILE...")
      return .usage
    }
    var worst = ExitStatus.success
    for file in parsed.operands {
      let outcome: CheckOutcome
      if file == "-" {
        outcome = TraceCheck.run(source: standardInput, variant: variant)
      } else {
        switch TraceFileOpener.withDescriptor(
          path: file,
          { descriptor in
            TraceCheck.run(source: FileDescriptorSource(descriptor: descriptor), variant: variant)
          })
        {
        case .success(let checked): outcome = checked
        case .failure(let error):
          standardError.writeLine("\(file): cannot open: \(error.description)")
          worst = max(worst, .unreadable)
          continue
        }
      }
      let status = report(
        outcome, file: file == "-" ? "<stdin>" : file, quiet: quiet,
        standardOutput: &standardOutput, standardError: &standardError)
      worst = max(worst, status)
      if parsed.flags.contains("--hazards"), file != "-", status != .invalidTrace,
        status != .unreadable
      {
        worst = max(
          worst,
          HazardsCommand.run(
            [file, "--variant", variant.rawValue], standardInput: &standardInput,
            standardOutput: &standardOutput, standardError: &standardError))
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

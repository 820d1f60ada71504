/// The `regionsim` command line; `main.swift` only calls ``run(arguments:standardInput:standardOutput:standardError:)``.
public enum RegionSimCommand {
  /// Runs `regionsim` with `arguments` (without the program name) and
  /// returns the exit status.
  public static func run(
    arguments: [String],
    standardInput: inout some ByteSource,
    standardOutput: inout some TextSink,
    standardError: inout some TextSink
  ) -> Int32 {
    defer {
      standardOutput.flush()
      standardError.flush()
    }
    guard let command = arguments.first else {
      standardError.write(HelpText.overview)
      return ExitStatus.usage.rawValue
    }
    let rest = Array(arguments.dropFirst())
    if rest.contains(where: { $0 == "-h" || $0 == "--help" }), let text = HelpText.of(command) {
      standardOutput.write(text)
      return ExitStatus.success.rawValue
    }
    switch command {
    case "-h", "--help":
      standardOutput.write(HelpText.overview)
      return ExitStatus.success.rawValue
    case "help":
      return help(rest, standardOutput: &standardOutput, standardError: &standardError).rawValue
    case "check":
      return CheckCommand.run(
        rest, standardInput: &standardInput, standardOutput: &standardOutput,
        standardError: &standardError
      ).rawValue
    case "hazards":
      return HazardsCommand.run(
        rest, standardInput: &standardInput, standardOutput: &standardOutput,
        standardError: &standardError
      ).rawValue
    case "explore":
      return ExploreCommand.run(
        rest, standardOutput: &standardOutput, standardError: &standardError
      ).rawValue
    case "shrink":
      return ShrinkCommand.run(
        rest, standardInput: &standardInput, standardOutput: &standardOutput,
        standardError: &standardError
      ).rawValue
    case "show":
      return ShowCommand.run(
        rest, standardInput: &standardInput, standardOutput: &standardOutput,
        standardError: &standardError
      ).rawValue
    case "record":
      return RecordCommand.run(
        rest, standardInput: &standardInput, standardOutput: &standardOutput,
        standardError: &standardError
      ).rawValue
    default:
      standardError.writeLine(
        "regionsim: unknown command '\(command)'; run 'regionsim --help' for the commands")
      return ExitStatus.usage.rawValue
    }
  }

  /// `regionsim help [COMMAND]`.
  static func help(
    _ arguments: [String], standardOutput: inout some TextSink, standardError: inout some TextSink
  ) -> ExitStatus {
    guard let command = arguments.first else {
      standardOutput.write(HelpText.overview)
      return .success
    }
    guard let text = HelpText.of(command) else {
      standardError.writeLine(
        "regionsim help: no command named '\(command)' (check, record, hazards, explore, shrink, "
          + "show, help)")
      return .usage
    }
    standardOutput.write(text)
    return arguments.count > 1 ? .usage : .success
  }
}

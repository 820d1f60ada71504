#if canImport(Glibc)
  @preconcurrency import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

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
    switch command {
    case "-h", "--help":
      standardOutput.write(HelpText.overview)
      return ExitStatus.success.rawValue
    case "help":
      return help(rest, standardOutput: &standardOutput, standardError: &standardError).rawValue
    case "check":
      if rest.contains(where: { $0 == "-h" || $0 == "--help" }) {
        standardOutput.write(HelpText.check)
        return ExitStatus.success.rawValue
      }
      return CheckCommand.run(
        rest, standardInput: &standardInput, standardOutput: &standardOutput,
        standardError: &standardError
      ).rawValue
    case "hazards":
      if rest.contains(where: { $0 == "-h" || $0 == "--help" }) {
        standardOutput.write(HelpText.hazards)
        return ExitStatus.success.rawValue
      }
      return HazardsCommand.run(
        rest, standardInput: &standardInput, standardOutput: &standardOutput,
        standardError: &standardError
      ).rawValue
    case "explore":
      if rest.contains(where: { $0 == "-h" || $0 == "--help" }) {
        standardOutput.write(HelpText.explore)
        return ExitStatus.success.rawValue
      }
      return ExploreCommand.run(
        rest, standardOutput: &standardOutput, standardError: &standardError
      ).rawValue
    case "shrink":
      if rest.contains(where: { $0 == "-h" || $0 == "--help" }) {
        standardOutput.write(HelpText.shrink)
        return ExitStatus.success.rawValue
      }
      return ShrinkCommand.run(
        rest, standardInput: &standardInput, standardOutput: &standardOutput,
        standardError: &standardError
      ).rawValue
    case "record":
      if rest.contains(where: { $0 == "-h" || $0 == "--help" }) {
        standardOutput.write(HelpText.record)
        return ExitStatus.success.rawValue
      }
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

  static func help(
    _ arguments: [String], standardOutput: inout some TextSink, standardError: inout some TextSink
  ) -> ExitStatus {
    switch arguments.first {
    case nil: standardOutput.write(HelpText.overview)
    case "check"?: standardOutput.write(HelpText.check)
    case "record"?: standardOutput.write(HelpText.record)
    case "hazards"?: standardOutput.write(HelpText.hazards)
    case "explore"?: standardOutput.write(HelpText.explore)
    case "shrink"?: standardOutput.write(HelpText.shrink)
    case "help"?: standardOutput.write(HelpText.help)
    case let other?:
      standardError.writeLine(
        "regionsim help: no command named '\(other)' (check, record, hazards, explore, shrink, help)"
      )
      return .usage
    }
    return arguments.count > 1 ? .usage : .success
  }
}

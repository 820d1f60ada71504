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
    guard let first = arguments.first else {
      standardError.write(HelpText.overview)
      return ExitStatus.usage.rawValue
    }
    let rest = Array(arguments.dropFirst())
    let status: ExitStatus
    switch first {
    case "-h", "--help":
      standardOutput.write(HelpText.overview)
      status = .success
    case "--version":
      standardOutput.writeLine(Version.line)
      status = rest.isEmpty ? .success : .usage
    default:
      switch CommandName.named(first) {
      case .failure(let error):
        standardError.writeLine(error.message)
        status = .usage
      case .success(let command):
        status = run(
          command, rest, standardInput: &standardInput, standardOutput: &standardOutput,
          standardError: &standardError)
      }
    }
    return finish(status, standardOutput: &standardOutput, standardError: &standardError)
      .rawValue
  }

  /// Runs `command` with its arguments: parsed once against the command
  /// table, then the one dispatch, an exhaustive switch over the table.
  static func run<Input: ByteSource, Output: TextSink, Errors: TextSink>(
    _ command: CommandName, _ rest: [String],
    standardInput: inout Input, standardOutput: inout Output, standardError: inout Errors
  ) -> ExitStatus {
    if rest.contains(where: { $0 == "-h" || $0 == "--help" }) {
      standardOutput.write(command.helpText)
      return .success
    }
    var io = CommandIO(input: standardInput, output: standardOutput, errors: standardError)
    defer { (standardInput, standardOutput, standardError) = (io.input, io.output, io.errors) }
    guard let (parsed, variant) = ParsedArguments.parse(rest, command: command, errors: &io.errors)
    else { return .usage }
    switch command {
    case .help: return help(parsed.operands, standardOutput: &io.output, standardError: &io.errors)
    case .check: return CheckCommand.run(parsed, variant: variant, io: &io)
    case .hazards: return HazardsCommand.run(parsed, variant: variant, io: &io)
    case .explore: return ExploreCommand.run(parsed, variant: variant, io: &io)
    case .shrink: return ShrinkCommand.run(parsed, variant: variant, io: &io)
    case .show: return ShowCommand.run(parsed, variant: variant, io: &io)
    case .record: return RecordCommand.run(parsed, variant: variant, io: &io)
    case .import: return ImportCommand.run(parsed, io: &io)
    }
  }

  /// Flushes standard output and turns a failed write into exit status 73
  /// and a message, as the help promises: output lost to a full disk must
  /// not look like success. A closed pipe (`regionsim ... | head`) stays
  /// quiet: its reader asked for no more.
  static func finish(
    _ status: ExitStatus, standardOutput: inout some TextSink, standardError: inout some TextSink
  ) -> ExitStatus {
    standardOutput.flush()
    guard let failure = standardOutput.failure, !failure.isClosedPipe else { return status }
    standardError.writeLine("regionsim: cannot write standard output: \(failure.description)")
    return max(status, .cannotCreate)
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
      let names = CommandName.allCases.map(\.rawValue)
      standardError.writeLine(
        "regionsim help: no command named '\(command)'" + ClosestName.hint(command, among: names)
          + "; commands: " + names.joined(separator: ", "))
      return .usage
    }
    standardOutput.write(text)
    return arguments.count > 1 ? .usage : .success
  }
}

/// The commands of `regionsim`: the one table that dispatch
/// (``RegionSimCommand``), help (``HelpText``) and argument parsing
/// (``ParsedArguments``) read, so that a command's flags, options and help
/// cannot drift apart.
enum CommandName: String, CaseIterable, Sendable {
  case check
  case record
  case hazards
  case explore
  case shrink
  case show
  case `import`
  case help

  /// The command `name` names, with a "did you mean" for a slip.
  static func named(_ name: String) -> Result<CommandName, UsageError> {
    if let command = CommandName(rawValue: name) { return .success(command) }
    return .failure(
      UsageError(
        "regionsim: unknown command '\(name)'"
          + ClosestName.hint(name, among: allCases.map(\.rawValue))
          + "; run 'regionsim --help' for the commands"))
  }

  /// The flags the command takes (options without a value).
  var flags: Set<String> {
    switch self {
    case .check: ["--quiet", "-q", "--hazards"]
    case .import: []
    case .record: []
    case .hazards: ["--json"]
    case .explore: ["--json", "--variant-table"]
    case .shrink: ["--until-mismatch"]
    case .show: []
    case .help: []
    }
  }

  /// The options the command takes, each with a value.
  var options: Set<String> {
    switch self {
    case .check: ["--variant", "--calls-only", "--ram"]
    case .record, .hazards: ["--variant"]
    case .import: ["--ramblock", "--memdev", "--capture", "--out"]
    case .explore: ["--seed", "--runs", "--steps", "--variant", "--out"]
    case .shrink: ["--hazard", "--variant"]
    case .show: ["--variant", "--compare", "--out", "--hazard-pages", "--limit"]
    case .help: []
    }
  }

  /// `regionsim help COMMAND`.
  var helpText: String {
    switch self {
    case .check: HelpText.check
    case .record: HelpText.record
    case .hazards: HelpText.hazards
    case .explore: HelpText.explore
    case .shrink: HelpText.shrink
    case .show: HelpText.show
    case .import: HelpText.importText
    case .help: HelpText.help
    }
  }
}

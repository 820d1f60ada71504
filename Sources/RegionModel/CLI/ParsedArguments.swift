/// A command's arguments split into flags, options with values and
/// operands: `--flag`, `--option VALUE` or `--option=VALUE`, and the rest
/// (`-` is an operand).
struct ParsedArguments {
  /// The flags given.
  var flags: Set<String> = []
  /// The options given, with their values.
  var values: [String: String] = [:]
  /// The operands, in order.
  var operands: [String] = []

  /// Splits `arguments`, knowing which flags and options the command takes;
  /// the error is the usage message.
  init(
    _ arguments: [String], command: String, flags known: Set<String>, options: Set<String>
  ) throws(UsageError) {
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      guard argument.hasPrefix("-"), argument != "-" else {
        operands.append(argument)
        continue
      }
      let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
      let name = parts[0]
      if known.contains(name), parts.count == 1 {
        flags.insert(name)
      } else if options.contains(name) {
        if parts.count == 2 || argument.hasSuffix("=") {
          // `--option=` gives an empty value, which no option takes: the
          // next argument is not taken in its place.
          guard parts.count == 2, !parts[1].isEmpty else {
            throw UsageError("regionsim \(command): \(name)= needs a value after '='")
          }
          values[name] = parts[1]
        } else if index < arguments.count {
          values[name] = arguments[index]
          index += 1
        } else {
          throw UsageError("regionsim \(command): \(name) needs a value")
        }
      } else {
        throw UsageError(
          "regionsim \(command): unknown option '\(argument)'"
            + ClosestName.hint(name, among: (known.union(options)).sorted())
            + "; see 'regionsim help \(command)'")
      }
    }
  }

  /// Splits the arguments of `command`, with the flags and options the
  /// command table gives it.
  init(_ arguments: [String], command: CommandName) throws(UsageError) {
    try self.init(
      arguments, command: command.rawValue, flags: command.flags, options: command.options)
  }

  /// The `--variant` value, `seed` when absent.
  func variant(command: String) throws(UsageError) -> DriverVariant {
    try variant(option: "--variant", command: command) ?? .seed
  }

  /// The variant the option `option` names, nil when it is absent.
  func variant(option: String, command: String) throws(UsageError) -> DriverVariant? {
    guard let name = values[option] else { return nil }
    guard let variant = DriverVariant(rawValue: name) else {
      let names = DriverVariant.allCases.map(\.rawValue)
      throw UsageError(
        "regionsim \(command): unknown variant '\(name)' for \(option)"
          + ClosestName.hint(name, among: names) + "; variants: " + names.joined(separator: ", "))
    }
    return variant
  }
}

// MARK: - Parsing with the usage report

extension ParsedArguments {
  /// Parses a command's arguments and its `--variant`; on a usage error,
  /// writes the message to `errors` and returns nil (the caller exits 64).
  static func parse(
    _ arguments: [String], command: CommandName, errors: inout some TextSink
  ) -> (ParsedArguments, DriverVariant)? {
    do throws(UsageError) {
      let parsed = try ParsedArguments(arguments, command: command)
      return (parsed, try parsed.variant(command: command.rawValue))
    } catch {
      errors.writeLine(error.message)
      return nil
    }
  }
}

/// A command line that does not fit the command; its message is printed and
/// `regionsim` exits 64.
struct UsageError: Error {
  var message: String

  init(_ message: String) {
    self.message = message
  }
}

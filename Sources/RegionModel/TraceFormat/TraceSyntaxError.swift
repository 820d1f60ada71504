/// Why one line of a trace cannot be read; the caller adds the file and line.
public struct TraceSyntaxError: Error, Hashable, Sendable {
  /// What is wrong, in lower case, naming the offending token.
  public var message: String

  /// Creates an error.
  public init(_ message: String) {
    self.message = message
  }
}

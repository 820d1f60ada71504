/// An error of the trace (not of the model): the trace cannot be replayed
/// past this line. `regionsim` exits 65 for it.
public struct TraceError: Error, Hashable, Sendable {
  /// The line, counting from 1.
  public var line: Int
  /// What is wrong.
  public var message: String

  /// Creates an error.
  public init(line: Int, message: String) {
    self.line = line
    self.message = message
  }
}

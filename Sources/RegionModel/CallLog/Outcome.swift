/// The result of an input that yields one (`open`, `register`,
/// `discard require`): success, or QEMU's error message.
public enum Outcome: Hashable, Sendable {
  case ok
  case error(String)
}

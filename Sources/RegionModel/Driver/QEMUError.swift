/// An error a QEMU function reports through its `Error **errp`.
///
/// Models the `Error` object `error_setg()` / `error_setg_errno()` create:
/// all that is observable of it is its message.
public struct QEMUError: Error, Hashable, Sendable {
  /// The formatted message.
  public var message: String

  /// Models `error_setg(errp, ...)` with an already formatted message.
  public init(_ message: String) {
    self.message = message
  }

  /// Models `error_setg_errno(errp, errno, ...)`, which appends
  /// `": " + strerror(errno)`.
  public init(_ message: String, errno: Errno) {
    self.message = message + ": " + errno.strerror
  }
}

/// The errno values that cross the modelled interfaces.
///
/// libblkio returns negative errno values; QEMU's `error_setg_errno()`
/// appends `": " + strerror(errno)` to a message, so each case also carries
/// glibc's `strerror()` text.
public enum Errno: Int32, CaseIterable, Hashable, Sendable {
  case EIO = 5
  case EBUSY = 16
  case EINVAL = 22
  case ENOSPC = 28
  case EOVERFLOW = 75

  /// The symbolic name, as the trace writes it after the minus sign.
  public var name: String {
    switch self {
    case .EIO: "EIO"
    case .EBUSY: "EBUSY"
    case .EINVAL: "EINVAL"
    case .ENOSPC: "ENOSPC"
    case .EOVERFLOW: "EOVERFLOW"
    }
  }

  /// glibc's `strerror()` text for the value.
  public var strerror: String {
    switch self {
    case .EIO: "Input/output error"
    case .EBUSY: "Device or resource busy"
    case .EINVAL: "Invalid argument"
    case .ENOSPC: "No space left on device"
    case .EOVERFLOW: "Value too large for defined data type"
    }
  }

  /// Looks a case up by its symbolic name.
  public init?(name: some StringProtocol) {
    guard let match = Errno.allCases.first(where: { $0.name == name }) else { return nil }
    self = match
  }
}

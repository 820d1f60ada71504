/// The errno values that cross the modelled interfaces.
///
/// libblkio returns negative errno values; QEMU's `error_setg_errno()`
/// appends `": " + strerror(errno)` to a message, so each case also carries
/// glibc's `strerror()` text. The kernel's own errors (the vhost-vdpa and
/// VFIO map ioctls) reach libblkio as Rust `io::Error`s, whose text is
/// ``rustText``.
public enum Errno: Int32, CaseIterable, Hashable, Sendable {
  case EPERM = 1
  case EIO = 5
  case EBADF = 9
  case EAGAIN = 11
  case ENOMEM = 12
  case EACCES = 13
  case EFAULT = 14
  case EBUSY = 16
  case EEXIST = 17
  case ENODEV = 19
  case EINVAL = 22
  case ENOSPC = 28
  case EOVERFLOW = 75

  /// The symbolic name, as the trace writes it after the minus sign.
  public var name: String {
    switch self {
    case .EPERM: "EPERM"
    case .EIO: "EIO"
    case .EBADF: "EBADF"
    case .EAGAIN: "EAGAIN"
    case .ENOMEM: "ENOMEM"
    case .EACCES: "EACCES"
    case .EFAULT: "EFAULT"
    case .EBUSY: "EBUSY"
    case .EEXIST: "EEXIST"
    case .ENODEV: "ENODEV"
    case .EINVAL: "EINVAL"
    case .ENOSPC: "ENOSPC"
    case .EOVERFLOW: "EOVERFLOW"
    }
  }

  /// glibc's `strerror()` text for the value.
  public var strerror: String {
    switch self {
    case .EPERM: "Operation not permitted"
    case .EIO: "Input/output error"
    case .EBADF: "Bad file descriptor"
    case .EAGAIN: "Resource temporarily unavailable"
    case .ENOMEM: "Cannot allocate memory"
    case .EACCES: "Permission denied"
    case .EFAULT: "Bad address"
    case .EBUSY: "Device or resource busy"
    case .EEXIST: "File exists"
    case .ENODEV: "No such device"
    case .EINVAL: "Invalid argument"
    case .ENOSPC: "No space left on device"
    case .EOVERFLOW: "Value too large for defined data type"
    }
  }

  /// How Rust's standard library prints an `io::Error` made from this
  /// errno (`io::Error::from_raw_os_error`): the C library's text, then
  /// ` (os error N)`. libblkio passes such a message on unchanged.
  public var rustText: String { "\(strerror) (os error \(rawValue))" }

  /// Looks a case up by its symbolic name.
  public init?(name: some StringProtocol) {
    guard let match = Errno.allCases.first(where: { $0.name == name }) else { return nil }
    self = match
  }
}

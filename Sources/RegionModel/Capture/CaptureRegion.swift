/// A `struct blkio_mem_region` as the capture library saw it at a call:
/// every field, including the two QEMU always leaves 0.
///
/// Mirrors the header's fields (`addr`, `len`, `iova`, `fd_offset`, `fd`,
/// `flags`); `fd_offset` is an `int64_t` there and is kept as its two's
/// complement bits, as the capture writes it.
public struct CaptureRegion: Hashable, Sendable {
  public var addr: UInt64
  public var len: UInt64
  public var iova: UInt64
  public var fdOffset: UInt64
  public var fd: Int32
  public var flags: UInt32

  public init(addr: UInt64, len: UInt64, iova: UInt64, fdOffset: UInt64, fd: Int32, flags: UInt32) {
    self.addr = addr
    self.len = len
    self.iova = iova
    self.fdOffset = fdOffset
    self.fd = fd
    self.flags = flags
  }

  /// The region as the model writes it, when `iova` and `flags` are 0 (as
  /// `blkio_mem_region_from_host()` leaves them); nil otherwise.
  public var modelRegion: MemRegion? {
    guard iova == 0, flags == 0 else { return nil }
    return MemRegion(addr: addr, len: len, fd: fd, fdOffset: fdOffset)
  }
}

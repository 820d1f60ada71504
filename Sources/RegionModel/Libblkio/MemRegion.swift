/// A memory region as the driver hands it to libblkio.
///
/// Models `struct blkio_mem_region`. Its `iova` and `flags` are always 0 in
/// the seed, so they are left out; libblkio matches regions on every field,
/// and so does `Hashable` here.
public struct MemRegion: Hashable, Sendable {
  /// `addr`: the region's first byte in the process's address space.
  public var addr: UInt64
  /// `len`: its length in bytes.
  public var len: UInt64
  /// `fd`: the file that backs it, -1 for none.
  public var fd: Int32
  /// `fd_offset`: where `addr` lies in that file, as the driver computed it.
  public var fdOffset: UInt64

  /// Creates a region.
  public init(addr: UInt64, len: UInt64, fd: Int32, fdOffset: UInt64) {
    self.addr = addr
    self.len = len
    self.fd = fd
    self.fdOffset = fdOffset
  }
}

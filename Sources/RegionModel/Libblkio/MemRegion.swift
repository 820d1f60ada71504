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

// MARK: - Address ranges

extension MemRegion {
  /// Whether the two regions share a byte (in wrapping 64-bit arithmetic:
  /// one contains the other's first byte). Empty regions share nothing.
  public func overlaps(_ other: MemRegion) -> Bool {
    (other.addr &- addr) < len || (addr &- other.addr) < other.len
  }

  /// Whether `[start, start + length)` lies inside the region (an empty
  /// range: whether `start` lies inside it or at its end).
  public func covers(start: UInt64, length: UInt64) -> Bool {
    let offset = start &- addr
    return offset <= len && length <= len - offset
  }
}

// MARK: - Order

extension MemRegion: AddressRanged {
  public var rangeStart: UInt64 { addr }
  public var rangeLength: UInt64 { len }

  /// By address, then length, fd and fd-offset: the order of the mapped
  /// regions' index, and the one hazard reports use to name the first.
  public static func < (lhs: MemRegion, rhs: MemRegion) -> Bool {
    (lhs.addr, lhs.len, lhs.fd, lhs.fdOffset) < (rhs.addr, rhs.len, rhs.fd, rhs.fdOffset)
  }
}

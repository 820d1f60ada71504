/// Where the fake libblkio's allocated regions come from: a deterministic
/// stand-in for `memfd_create()` + `mmap()`, so that recorded traces are
/// reproducible. One per modelled process.
///
/// Regions start at 0x7ffe00000000 and are placed 2 MiB apart (rounded up),
/// file descriptors count up from 1000. libblkio's ring memory comes from a
/// range of its own, from 0x7ffc00000000, 2 MiB apart, and takes no fd from
/// that count, so that it moves neither the regions nor the fds a trace
/// sees.
public struct FakeMemory: Hashable, Sendable {
  /// The address the next region gets.
  public private(set) var nextAddress: UInt64
  /// The fd the next region gets.
  public private(set) var nextFD: Int32
  /// The address the next ring memory gets.
  public private(set) var nextRingAddress: UInt64

  /// The memory of a process that allocated nothing yet.
  public init() {
    nextAddress = 0x7FFE_0000_0000
    nextFD = 1000
    nextRingAddress = 0x7FFC_0000_0000
  }

  /// Takes the ring memory of a libblkio instance (fd and offset 0, which
  /// the transports ignore or which never reach the trace).
  mutating func takeRing(length: UInt64) -> MemRegion {
    let region = MemRegion(addr: nextRingAddress, len: length, fd: -1, fdOffset: 0)
    nextRingAddress &+= 2 << 20
    return region
  }

  /// Takes a new region of `length` bytes.
  mutating func take(length: UInt64) -> MemRegion {
    let region = MemRegion(addr: nextAddress, len: length, fd: nextFD, fdOffset: 0)
    let step: UInt64 = 2 << 20
    let rounded = length / step &+ (length % step == 0 ? 0 : 1)
    nextAddress &+= max(rounded, 1) &* step
    nextFD &+= 1
    return region
  }
}

/// Where the fake libblkio's allocated regions come from: a deterministic
/// stand-in for `memfd_create()` + `mmap()`, so that recorded traces are
/// reproducible. One per modelled process.
///
/// Regions start at 0x7ffe00000000 and are placed 2 MiB apart (rounded up),
/// file descriptors count up from 1000. libblkio's ring memory comes from a
/// range of its own, from 0x7ffc00000000, 2 MiB apart, and takes no fd from
/// that count, so that it moves neither the regions nor the fds a trace
/// sees. As `mmap(NULL, …)` and `memfd_create()` never hand out what is in
/// use, an allocation skips every RAMBlock's range and fd; the memory that
/// is handed out is remembered until it is given back, so that a RAMBlock
/// added later on top of it can be refused.
public struct FakeMemory: Sendable {
  /// The address the next region gets.
  public private(set) var nextAddress: UInt64
  /// The fd the next region gets.
  public private(set) var nextFD: Int32
  /// The address the next ring memory gets.
  public private(set) var nextRingAddress: UInt64
  /// The memory handed out and not given back, by address.
  public private(set) var live: AddressTree<MemRegion>
  /// The fds handed out and not given back.
  public private(set) var liveFDs: Set<Int32>

  /// The memory of a process that allocated nothing yet.
  public init() {
    nextAddress = 0x7FFE_0000_0000
    nextFD = 1000
    nextRingAddress = 0x7FFC_0000_0000
    live = AddressTree()
    liveFDs = []
  }

  /// Frees everything and starts the addresses and fds over, as a new
  /// allocator, keeping the storage.
  mutating func removeAll() {
    nextAddress = 0x7FFE_0000_0000
    nextFD = 1000
    nextRingAddress = 0x7FFC_0000_0000
    live.reset()
    liveFDs.removeAll(keepingCapacity: true)
  }

  /// 2 MiB, the step between allocations.
  static let step: UInt64 = 2 << 20

  /// `address` itself when no RAMBlock holds a byte of `[address, address +
  /// length)`, else the first 2 MiB boundary after the blocks in the way.
  static func clear(of ram: RAMMap, from address: UInt64, length: UInt64) -> UInt64 {
    var candidate = address
    while let block = ram.lastBlock(overlapping: candidate, length: max(length, 1)) {
      let end = block.host &+ block.maxLength
      let next = (end &+ (step - 1)) & ~(step - 1)
      guard next > candidate else { break }
      candidate = next
    }
    return candidate
  }

  /// Gives back `region`, the last one taken, as libblkio does when it
  /// refuses the address it got (`munmap()`, and the memfd closes when it
  /// is dropped): the next allocation gets the same address and fd.
  mutating func giveBack(_ region: MemRegion) {
    live.remove(region)
    liveFDs.remove(region.fd)
    nextAddress = region.addr
    nextFD = region.fd
  }

  /// Forgets `region` when it is freed; its address and fd are not reused
  /// (the real ones might be, which the model does not need).
  mutating func release(_ region: MemRegion) {
    live.remove(region)
    if region.fd != -1 { liveFDs.remove(region.fd) }
  }

  /// The memory handed out that shares a byte with `[host, host + length)`,
  /// if any.
  public func liveMemory(overlapping host: UInt64, length: UInt64) -> MemRegion? {
    live.firstOverlappingWrapping(start: host, length: length, nonEmpty: true)
  }

  /// Takes the ring memory of a libblkio instance (fd and offset 0, which
  /// the transports ignore or which never reach the trace), clear of every
  /// RAMBlock.
  mutating func takeRing(length: UInt64, avoiding ram: RAMMap) -> MemRegion {
    let address = Self.clear(of: ram, from: nextRingAddress, length: length)
    let region = MemRegion(addr: address, len: length, fd: -1, fdOffset: 0)
    nextRingAddress = address &+ Self.step
    live.insert(region)
    return region
  }

  /// Takes a new region of `length` bytes, clear of every RAMBlock's range
  /// and fd.
  mutating func take(length: UInt64, avoiding ram: RAMMap) -> MemRegion {
    let address = Self.clear(of: ram, from: nextAddress, length: length)
    var fd = nextFD
    while ram.usesFD(fd) { fd &+= 1 }
    let region = MemRegion(addr: address, len: length, fd: fd, fdOffset: 0)
    let rounded = length / Self.step &+ (length % Self.step == 0 ? 0 : 1)
    nextAddress = address &+ max(rounded, 1) &* Self.step
    nextFD = fd &+ 1
    live.insert(region)
    liveFDs.insert(fd)
    return region
  }
}

/// A blkio node's bounce-buffer pool.
///
/// Models `s->bounce_pool`, the address-sorted list `s->bounce_bufs` and the
/// wait queue `s->bounce_available` of the blkio driver.
public struct BouncePool: Hashable, Sendable {
  /// The pool region, allocated and mapped; nil before the first resize or
  /// after a failed one (QEMU zeroes the struct).
  public var region: MemRegion?
  /// The live bounce buffers, sorted by address.
  public var buffers: [BounceBuffer]
  /// The requests waiting for space, first to be woken first.
  public var waiters: [String]

  /// An empty pool.
  public init() {
    region = nil
    buffers = []
    waiters = []
  }
}

// MARK: - First fit

extension BouncePool {
  /// Carves `bytes` out of the pool for `request`, first fit over the gaps
  /// between live buffers in address order, then after the last one.
  ///
  /// Models `blkio_do_alloc_bounce_buffer()`. Without a pool the base is 0
  /// and the length 0, so only a zero-length buffer fits, at address 0.
  public mutating func allocate(bytes: UInt64, for request: String) -> IOBuffer? {
    let base = region?.addr ?? 0
    var addr = base
    for (index, buffer) in buffers.enumerated() {
      if bytes <= buffer.addr &- addr {
        buffers.insert(BounceBuffer(request: request, addr: addr, len: bytes), at: index)
        return IOBuffer(addr: addr, len: bytes, bounce: true)
      }
      addr = buffer.addr &+ buffer.len
    }
    let end = base &+ (region?.len ?? 0)
    guard bytes <= end &- addr else { return nil }
    buffers.append(BounceBuffer(request: request, addr: addr, len: bytes))
    return IOBuffer(addr: addr, len: bytes, bounce: true)
  }

  /// Models `blkio_free_bounce_buffer()`'s list removal.
  public mutating func release(request: String) {
    buffers.removeAll { $0.request == request }
  }
}

/// A blkio node's bounce-buffer pool.
///
/// Models `s->bounce_pool`, the address-sorted list `s->bounce_bufs` and the
/// wait queue `s->bounce_available` of the blkio driver. The list is an
/// ``AddressTree`` that knows its largest gap, so first fit costs O(log n)
/// where QEMU walks the list; the answer is the same.
public struct BouncePool: Sendable {
  /// The pool region, allocated and mapped; nil before the first resize or
  /// after a failed one (QEMU zeroes the struct).
  public internal(set) var region: MemRegion?
  /// The live bounce buffers, by address.
  public internal(set) var buffers: AddressTree<BounceBuffer>
  /// The requests waiting for space, first to be woken first.
  public internal(set) var waiters: Deque<NameID>

  /// An empty pool.
  public init() {
    region = nil
    buffers = AddressTree()
    waiters = Deque()
  }
}

// MARK: - First fit

extension BouncePool {
  /// Carves `bytes` out of the pool for `request`, first fit over the gaps
  /// between live buffers in address order, then after the last one.
  ///
  /// Models `blkio_do_alloc_bounce_buffer()`. Without a pool the base is 0
  /// and the length 0, so only a zero-length buffer fits, at address 0.
  public mutating func allocate(bytes: UInt64, for request: NameID) -> IOBuffer? {
    let base = region?.addr ?? 0
    let limit = UInt128(base) + UInt128(region?.len ?? 0)
    guard let addr = buffers.firstFit(bytes: bytes, base: base, limit: limit) else { return nil }
    // New: a request holds one buffer at most, so no search for it first.
    buffers.insertNew(BounceBuffer(request: request, addr: addr, len: bytes))
    return IOBuffer(addr: addr, len: bytes, bounce: true)
  }

  /// Models `blkio_free_bounce_buffer()`'s list removal.
  public mutating func release(_ buffer: IOBuffer, of request: NameID) {
    buffers.remove(BounceBuffer(request: request, addr: buffer.addr, len: buffer.len))
  }

  /// Puts a request in the wait queue: the back on its first wait, the
  /// front after (`CO_QUEUE_WAIT_FRONT`).
  mutating func enqueue(_ request: NameID, atFront: Bool) {
    if atFront { waiters.prepend(request) } else { waiters.append(request) }
  }

  /// One pass of `blkio_alloc_bounce_buffer()`'s loop for `request`, all
  /// in the pool, so that the caller reaches the node once: a newcomer
  /// (`entering`) joins the back of a non-empty queue; otherwise first fit,
  /// which on success wakes the next waiter (`qemu_co_queue_next()`);
  /// failing that, with buffers live, the request waits (at the back the
  /// first time, at the front once it `hasWaited`); with none live the
  /// pool must be resized, which the caller does.
  mutating func attempt(
    bytes: UInt64, for request: NameID, entering: Bool, hasWaited: Bool
  ) -> BounceAttempt {
    if entering, !waiters.isEmpty {
      enqueue(request, atFront: hasWaited)
      return .queued
    }
    if let buffer = allocate(bytes: bytes, for: request) {
      return .allocated(buffer, woken: wakeNext())
    }
    guard buffers.isEmpty else {
      enqueue(request, atFront: hasWaited)
      return .queued
    }
    return .needsResize
  }

  /// Models `qemu_co_queue_next()`: takes the first waiter.
  mutating func wakeNext() -> NameID? {
    waiters.popFirst()
  }
}

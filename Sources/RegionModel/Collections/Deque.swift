/// A double-ended queue in a ring buffer: O(1) at both ends.
///
/// Models the FIFO of a `CoQueue` (`qemu_co_queue_wait()` at the back,
/// `CO_QUEUE_WAIT_FRONT` at the front, `qemu_co_queue_next()` from the
/// front) without the O(n) cost of removing an array's first element.
///
/// The ring's capacity is a power of two, so positions wrap with a mask,
/// and it stores elements, not optionals: a queue of a million ``NameID``s
/// takes 4 MB, not 8. Slots outside the live range hold stale copies (the
/// element a grow filled them with, or one popped), never read.
public struct Deque<Element: Sendable>: Sendable {
  private var storage: ContiguousArray<Element>
  private var head: Int
  /// The number of elements.
  public private(set) var count: Int

  /// An empty queue.
  public init() {
    storage = []
    head = 0
    count = 0
  }

  /// Removes every element, keeping the ring.
  public mutating func removeAll() {
    head = 0
    count = 0
  }

  /// Whether the queue is empty.
  public var isEmpty: Bool { count == 0 }

  /// The element at the front.
  public var first: Element? { count == 0 ? nil : storage[head] }

  /// How many elements fit before the ring grows (0 or a power of two).
  public var capacity: Int { storage.count }

  /// Appends at the back.
  public mutating func append(_ element: Element) {
    if count == storage.count { grow(filling: element) }
    storage[(head &+ count) & (storage.count &- 1)] = element
    count += 1
  }

  /// Inserts at the front.
  public mutating func prepend(_ element: Element) {
    if count == storage.count { grow(filling: element) }
    head = (head &+ storage.count &- 1) & (storage.count &- 1)
    storage[head] = element
    count += 1
  }

  /// Removes and returns the front element.
  public mutating func popFirst() -> Element? {
    guard count > 0 else { return nil }
    let element = storage[head]
    head = (head &+ 1) & (storage.count &- 1)
    count -= 1
    if count == 0 { head = 0 }
    return element
  }

  /// Every element, front first.
  public var elements: [Element] {
    (0..<count).map { storage[(head &+ $0) & (storage.count &- 1)] }
  }

  /// Doubles the ring (at least 8 slots), the live elements moved to its
  /// start; `filler` initializes the new slots.
  private mutating func grow(filling filler: Element) {
    var bigger = ContiguousArray(repeating: filler, count: max(8, storage.count * 2))
    for offset in 0..<count { bigger[offset] = storage[(head &+ offset) & (storage.count &- 1)] }
    storage = bigger
    head = 0
  }
}

/// A double-ended queue in a ring buffer: O(1) at both ends.
///
/// Models the FIFO of a `CoQueue` (`qemu_co_queue_wait()` at the back,
/// `CO_QUEUE_WAIT_FRONT` at the front, `qemu_co_queue_next()` from the
/// front) without the O(n) cost of removing an array's first element.
public struct Deque<Element: Sendable>: Sendable {
  private var storage: [Element?]
  private var head: Int
  /// The number of elements.
  public private(set) var count: Int

  /// An empty queue.
  public init() {
    storage = []
    head = 0
    count = 0
  }

  /// Whether the queue is empty.
  public var isEmpty: Bool { count == 0 }

  /// The element at the front.
  public var first: Element? { count == 0 ? nil : storage[head] }

  /// Appends at the back.
  public mutating func append(_ element: Element) {
    if count == storage.count { grow() }
    storage[(head + count) % storage.count] = element
    count += 1
  }

  /// Inserts at the front.
  public mutating func prepend(_ element: Element) {
    if count == storage.count { grow() }
    head = (head + storage.count - 1) % storage.count
    storage[head] = element
    count += 1
  }

  /// Removes and returns the front element.
  public mutating func popFirst() -> Element? {
    guard count > 0 else { return nil }
    let element = storage[head]
    storage[head] = nil
    head = (head + 1) % storage.count
    count -= 1
    if count == 0 { head = 0 }
    return element
  }

  /// Every element, front first.
  public var elements: [Element] {
    (0..<count).compactMap { storage[(head + $0) % storage.count] }
  }

  private mutating func grow() {
    var bigger = [Element?](repeating: nil, count: max(8, storage.count * 2))
    for offset in 0..<count { bigger[offset] = storage[(head + offset) % storage.count] }
    storage = bigger
    head = 0
  }
}

import Synchronization

#if canImport(Glibc)
  @preconcurrency import Glibc
#endif

/// One slot per worker of a parallel loop, written under a lock: how the
/// workers of `explore` hand back their results to be merged in order.
final class Shares<Value: Sendable>: Sendable {
  private let slots: Mutex<[Value?]>

  /// `count` empty slots.
  init(_ count: Int) {
    slots = Mutex([Value?](repeating: nil, count: count))
  }

  /// Stores the value of worker `index`.
  func store(_ value: Value, for index: Int) {
    slots.withLock { $0[index] = value }
  }

  /// Every slot, in worker order.
  var all: [Value?] {
    slots.withLock { $0 }
  }
}

/// How many cores this process may use.
enum ProcessorCount {
  /// The number of processors online (at least 1).
  static var active: Int {
    #if canImport(Glibc)
      return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    #else
      return 1
    #endif
  }
}

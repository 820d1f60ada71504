/// The requests in flight or waiting, by request id (``NameID/slot``).
///
/// Kept in pages of 65,536 slots: growing adds pages and never moves the
/// ones before, so a million waiting requests (the bounce benchmark) cost
/// their 32 MB, without the moment an array has while it doubles, when the
/// old storage and the new one are both alive.
///
/// Beside each request, in pages of their own, is the BlockBackend it came
/// from (what `blk_drain()` waits for), so that a request stays 32 bytes.
struct RequestTable: Sendable {
  private var pages: [[IORequest?]]
  private var backendPages: [[NameID]]

  /// An empty table.
  init() {
    pages = []
    backendPages = []
  }

  /// Removes every request and covers no id, as a new table, keeping the
  /// first page's storage.
  mutating func removeAll() {
    if pages.count > 1 {
      pages.removeSubrange(1...)
      backendPages.removeSubrange(1...)
    }
    if !pages.isEmpty {
      pages[0].removeAll(keepingCapacity: true)
      backendPages[0].removeAll(keepingCapacity: true)
    }
    count = 0
  }

  private static var pageBits: Int { 16 }
  private static var pageSize: Int { 1 << pageBits }

  /// How many slots the table has.
  private(set) var count = 0

  /// The request with id slot `slot`, or nil; `slot` is below ``count``.
  subscript(slot: Int) -> IORequest? {
    get { pages[slot >> Self.pageBits][slot & (Self.pageSize - 1)] }
    _modify { yield &pages[slot >> Self.pageBits][slot & (Self.pageSize - 1)] }
  }

  /// Runs `body` on the request with id slot `slot`, in place, and
  /// returns what it returns, or nil (without running it) if there is no
  /// such request. The hot paths use this rather than the subscript,
  /// whose nested accessors have their frame allocated on the heap.
  @inline(__always)
  mutating func update<Result>(_ slot: Int, _ body: (inout IORequest) -> Result) -> Result? {
    pages[slot >> Self.pageBits].withUnsafeMutableBufferPointer { page in
      let index = slot & (Self.pageSize - 1)
      guard page[index] != nil else { return nil }
      // swift-format-ignore: NeverForceUnwrap
      return body(&page[index]!)
    }
  }

  /// The backend of the request with id slot `slot`, as last set.
  func backend(_ slot: Int) -> NameID {
    backendPages[slot >> Self.pageBits][slot & (Self.pageSize - 1)]
  }

  /// Notes the backend of the request with id slot `slot`.
  mutating func setBackend(_ backend: NameID, _ slot: Int) {
    backendPages[slot >> Self.pageBits][slot & (Self.pageSize - 1)] = backend
  }

  /// Grows until `capacity` slots exist: the first page doubles up to its
  /// full size (a model with a few requests, as the explorer makes by the
  /// thousand, keeps a small table), then whole pages are added.
  mutating func ensureCapacity(_ capacity: Int) {
    while count < capacity {
      if pages.isEmpty || count < Self.pageSize {
        let size = min(max(16, count * 2, capacity), Self.pageSize)
        if pages.isEmpty {
          pages.append([])
          backendPages.append([])
        }
        pages[0].append(contentsOf: repeatElement(nil, count: size - count))
        backendPages[0].append(contentsOf: repeatElement(NameID(0), count: size - count))
        count = size
      } else {
        pages.append([IORequest?](repeating: nil, count: Self.pageSize))
        backendPages.append([NameID](repeating: NameID(0), count: Self.pageSize))
        count += Self.pageSize
      }
    }
  }

  /// Calls `body` with every request, by id.
  func forEach(_ body: (IORequest) -> Void) {
    for page in pages {
      for case let request? in page { body(request) }
    }
  }

  /// Every request, by id.
  var live: [IORequest] {
    pages.flatMap { $0.compactMap { $0 } }
  }
}

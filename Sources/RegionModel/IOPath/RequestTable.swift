/// The requests in flight or waiting, by request id (``NameID/slot``).
///
/// Kept in pages of 65,536 slots: growing adds pages and never moves the
/// ones before, so a million waiting requests (the bounce benchmark) cost
/// their 32 MB, without the moment an array has while it doubles, when the
/// old storage and the new one are both alive.
struct RequestTable: Sendable {
  private var pages: [[IORequest?]]

  /// An empty table.
  init() {
    pages = []
  }

  private static var pageBits: Int { 16 }
  private static var pageSize: Int { 1 << pageBits }

  /// How many slots the table has.
  var count: Int { pages.count << Self.pageBits }

  /// The request with id slot `slot`, or nil; `slot` is below ``count``.
  subscript(slot: Int) -> IORequest? {
    get { pages[slot >> Self.pageBits][slot & (Self.pageSize - 1)] }
    _modify { yield &pages[slot >> Self.pageBits][slot & (Self.pageSize - 1)] }
  }

  /// Adds pages until `capacity` slots exist.
  mutating func ensureCapacity(_ capacity: Int) {
    while count < capacity {
      pages.append([IORequest?](repeating: nil, count: Self.pageSize))
    }
  }

  /// Every request, by id.
  var live: [IORequest] {
    pages.flatMap { $0.compactMap { $0 } }
  }
}

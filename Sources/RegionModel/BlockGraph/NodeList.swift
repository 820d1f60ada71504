/// One node's children or parents as read from ``AdjacencyLists``: no id,
/// one id held inline, or a shared spilled array (never copied to be read).
struct NodeList: RandomAccessCollection, Sendable {
  private let only: NameID?
  private let many: [NameID]

  /// An empty list.
  init() {
    only = nil
    many = []
  }

  /// A list of one id.
  init(only id: NameID) {
    only = id
    many = []
  }

  /// A list of two or more ids.
  init(_ ids: [NameID]) {
    only = nil
    many = ids
  }

  var startIndex: Int { 0 }
  var endIndex: Int { only == nil ? many.count : 1 }

  subscript(position: Int) -> NameID {
    if let only {
      precondition(position == 0, "NodeList: index out of range")
      return only
    }
    return many[position]
  }
}

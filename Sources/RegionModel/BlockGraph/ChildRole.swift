/// The role of a child under its parent, as QEMU names the `BdrvChild`
/// (`bdrv_open_child()`'s `bdref_key`): it decides where a format driver
/// sends the guest's data. qcow2 reads and writes data through
/// `s->data_file` (its `data-file` child, else its `file`), reads the
/// unallocated parts from `backing`; raw and throttle pass requests to
/// `file`. A child added without a role keeps the model's first rule: the
/// head of the list, the newest child.
public enum ChildRole: UInt8, Hashable, Sendable, CaseIterable {
  case unnamed = 0
  case file = 1
  case dataFile = 2
  case backing = 3

  /// The role's spelling in a trace.
  public var name: String {
    switch self {
    case .unnamed: "child"
    case .file: "file"
    case .dataFile: "data-file"
    case .backing: "backing"
    }
  }

  /// The role spelled `name`, if any.
  public init?(name: String) {
    guard let found = Self.allCases.first(where: { $0.name == name }) else { return nil }
    self = found
  }
}

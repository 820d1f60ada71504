/// The format nodes, by node id, one byte each.
///
/// Of a format node (``FormatNode``) the model only reads whether requests
/// through it lose `BDRV_REQ_REGISTERED_BUF`: QEMU's routing in
/// `bdrv_co_preadv_part()`/`bdrv_co_pwritev_part()` depends on the driver's
/// behaviour, not its name. So each id keeps one byte, and the table only
/// covers ids up to the largest one ever added.
struct FormatNodeTable: Sendable {
  /// By id slot: 0 no format node, 1 one that keeps the flag, 2 one that
  /// clears it; bits 2 and 3 hold its ``DetectZeroes``, bit 4 whether it is
  /// a protocol node (``FormatNode/isProtocol``).
  private var kinds: [UInt8]

  /// No format node.
  init() {
    kinds = []
  }

  /// Removes every format node, keeping the storage.
  mutating func removeAll() {
    kinds.removeAll(keepingCapacity: true)
  }

  @inline(__always) private func kind(_ slot: Int) -> UInt8 {
    slot < kinds.count ? kinds[slot] : 0
  }

  /// Whether the id whose slot is `slot` is a format node.
  func contains(_ slot: Int) -> Bool { kind(slot) != 0 }

  /// Whether the id whose slot is `slot` is a format node that clears
  /// `BDRV_REQ_REGISTERED_BUF`.
  func clearsRegisteredBufFlag(_ slot: Int) -> Bool { kind(slot) & 3 == 2 }

  /// Whether the id whose slot is `slot` is a protocol node (file-posix).
  func isProtocol(_ slot: Int) -> Bool { kind(slot) & 16 != 0 }

  /// The `detect-zeroes` option of the format node whose id's slot is
  /// `slot` (`off` for any other id).
  func detectZeroes(_ slot: Int) -> DetectZeroes {
    DetectZeroes(rawValue: kind(slot) >> 2 & 3) ?? .off
  }

  /// Makes the id whose slot is `slot` a format node like `node`.
  mutating func insert(_ node: FormatNode, slot: Int) {
    // One append at a time: a new node is nearly always the next id, and a
    // generic repeated-element append cost more than the byte.
    while kinds.count <= slot { kinds.append(0) }
    kinds[slot] =
      (node.clearsRegisteredBufFlag ? 2 : 1) | node.detectZeroes.rawValue << 2
      | (node.isProtocol ? 16 : 0)
  }

  /// Removes the format node whose id's slot is `slot`, if any.
  mutating func remove(_ slot: Int) {
    if slot < kinds.count { kinds[slot] = 0 }
  }

  /// The id slots of the format nodes, in increasing order.
  var slots: [Int] {
    kinds.indices.filter { kinds[$0] != 0 }
  }
}

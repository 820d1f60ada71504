/// One RAMBlock of the fake RAM map.
///
/// Models the fields of QEMU's `RAMBlock` that the blkio driver and the RAM
/// registrar read: `idstr`, `host`, `used_length`, `max_length`, `fd` and
/// `fd_offset` (the block's offset in its backing file).
public struct RAMBlock: Hashable, Sendable {
  /// The block's unique name (QEMU's `idstr`).
  public var name: String
  /// The host virtual address of the block's first byte.
  public var host: UInt64
  /// The used length, at most ``maxLength``.
  public var usedLength: UInt64
  /// The maximum length, which never changes.
  public var maxLength: UInt64
  /// The backing file descriptor, -1 when there is none.
  public var fd: Int32
  /// The block's offset inside its backing file.
  public var fileOffset: UInt64
  /// When the block was added, counting from 0: QEMU's list keeps blocks of
  /// equal `max_length` in order of addition.
  public var serial: UInt64

  /// Creates a block.
  public init(
    name: String, host: UInt64, usedLength: UInt64, maxLength: UInt64, fd: Int32,
    fileOffset: UInt64, serial: UInt64
  ) {
    self.name = name
    self.host = host
    self.usedLength = usedLength
    self.maxLength = maxLength
    self.fd = fd
    self.fileOffset = fileOffset
    self.serial = serial
  }
}

// MARK: - Address arithmetic

extension RAMBlock {
  /// Whether `address` lies in the block, tested as
  /// `qemu_ram_block_from_host()` does: `address - host < max_length` in
  /// unsigned 64-bit arithmetic.
  ///
  /// QEMU also skips blocks whose `host` is NULL (not mapped). The trace
  /// format gives every block a host address and its contract defines
  /// containment by the subtraction alone, so a block at host 0 is found
  /// like any other.
  public func contains(_ address: UInt64) -> Bool {
    address &- host < maxLength
  }

  /// Whether the block sorts before `other` in QEMU's RAM list: larger
  /// `max_length` first, equal ones in order of addition (`ram_block_add()`).
  public func precedesInRAMList(_ other: RAMBlock) -> Bool {
    if maxLength != other.maxLength { return maxLength > other.maxLength }
    return serial < other.serial
  }
}

/// One row of QEMU's RAMBlock listing (`info ramblock`, `x-query-ramblock`),
/// as `ram_block_format()` prints it: in RAM-list order.
public struct ListedRAMBlock: Hashable, Sendable {
  /// The block's `idstr` (a memory backend's id, or a device path such as
  /// `0000:00:02.0/vga.vram`).
  public var name: String
  /// The page size as `size_to_str()` prints it (`4 KiB`, `2 MiB`).
  public var pageSize: String
  /// The block's `ram_addr_t` offset (not a file offset).
  public var offset: UInt64
  /// `used_length`.
  public var used: UInt64
  /// `max_length`: what the RAM registrar registers.
  public var max: UInt64
  /// `host` (the `HVA` column, QEMU 8.0 and later), nil before 8.0.
  public var host: UInt64?
  /// The `RO` column (8.0 and later): `ro` or `rw`.
  public var readOnly: Bool?
  /// The line of the row in the listing.
  public var line: Int

  public init(
    name: String, pageSize: String, offset: UInt64, used: UInt64, max: UInt64, host: UInt64?,
    readOnly: Bool?, line: Int
  ) {
    self.name = name
    self.pageSize = pageSize
    self.offset = offset
    self.used = used
    self.max = max
    self.host = host
    self.readOnly = readOnly
    self.line = line
  }
}

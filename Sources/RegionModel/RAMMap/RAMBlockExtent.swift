/// The fields of a RAMBlock that `blkio_mem_region_from_host()` reads
/// once `qemu_ram_block_from_host()` has found it: where it lies, its fd
/// and its offset in that fd's file; without the name, so that a lookup
/// copies no string.
struct RAMBlockExtent: Sendable {
  /// `host`.
  var host: UInt64
  /// `max_length`.
  var maxLength: UInt64
  /// `fd`, -1 for none.
  var fd: Int32
  /// `fd_offset`: the block's offset in its file.
  var fileOffset: UInt64

  /// Whether `address` lies in the block (`address - host < max_length`).
  func contains(_ address: UInt64) -> Bool { address &- host < maxLength }
}

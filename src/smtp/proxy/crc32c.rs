//! CRC-32C (Castagnoli), the checksum of the `PP2_TYPE_CRC32C` TLV, as RFC 4960 Appendix B
//! (and RFC 3720 §B.4) define it: the reflected polynomial 0x82F63B78, initial value and final
//! XOR 0xFFFFFFFF.

/// The reflected Castagnoli polynomial.
const POLYNOMIAL: u32 = 0x82F6_3B78;

/// One table entry per octet value: the CRC of that octet alone, without the initial value or
/// final XOR.
const TABLE: [u32; 256] = table();

const fn table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut byte = 0u32;
    while byte < 256 {
        let mut crc = byte;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ POLYNOMIAL
            } else {
                crc >> 1
            };
            bit += 1;
        }
        table[byte as usize] = crc;
        byte += 1;
    }
    table
}

/// A CRC-32C being computed over several slices.
#[derive(Debug, Clone, Copy)]
pub(super) struct Crc32c(u32);

impl Crc32c {
    /// The state before any octet.
    pub(super) const fn new() -> Self {
        Crc32c(0xFFFF_FFFF)
    }

    /// Feeds `bytes`.
    pub(super) fn update(self, bytes: &[u8]) -> Self {
        let mut crc = self.0;
        for &byte in bytes {
            // The index is the low octet of `crc ^ byte`, always below 256.
            crc = TABLE[usize::from(crc.to_le_bytes()[0] ^ byte)] ^ (crc >> 8);
        }
        Crc32c(crc)
    }

    /// The checksum of everything fed.
    pub(super) const fn finish(self) -> u32 {
        self.0 ^ 0xFFFF_FFFF
    }
}

/// The CRC-32C (Castagnoli) checksum of `bytes`, as the `PP2_TYPE_CRC32C` TLV of the PROXY
/// protocol carries it (RFC 4960 Appendix B).
///
/// # Examples
///
/// ```
/// use mail_envelope::smtp::proxy::crc32c;
///
/// assert_eq!(crc32c(b"123456789"), 0xE306_9283);
/// assert_eq!(crc32c(b""), 0);
/// ```
pub fn crc32c(bytes: &[u8]) -> u32 {
    Crc32c::new().update(bytes).finish()
}

#[cfg(test)]
mod tests {
    use alloc::vec::Vec;

    use super::*;

    /// A bit-at-a-time CRC-32C, to check the table against.
    fn bitwise(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &byte in bytes {
            crc ^= u32::from(byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ POLYNOMIAL
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn check_value_of_the_catalogue() {
        // The "check" value of CRC-32/ISCSI in the catalogue of parametrised CRC algorithms.
        assert_eq!(crc32c(b"123456789"), 0xE306_9283);
    }

    #[test]
    fn rfc3720_appendix_b4_vectors() {
        // RFC 3720 §B.4 lists the CRC as the octets sent, least significant first.
        assert_eq!(crc32c(&[0; 32]), 0x8A91_36AA);
        assert_eq!(crc32c(&[0xFF; 32]), 0x62A8_AB43);
        let ascending: Vec<u8> = (0..32).collect();
        assert_eq!(crc32c(&ascending), 0x46DD_794E);
        let descending: Vec<u8> = (0..32).rev().collect();
        assert_eq!(crc32c(&descending), 0x113F_DB5C);
    }

    #[test]
    fn table_agrees_with_the_bitwise_definition() {
        let data: Vec<u8> = (0..1000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13).to_le_bytes()[0])
            .collect();
        for len in [0, 1, 2, 3, 7, 64, 999, 1000] {
            assert_eq!(crc32c(&data[..len]), bitwise(&data[..len]), "length {len}");
        }
    }

    #[test]
    fn updates_in_pieces_equal_one_update() {
        let data = b"The quick brown fox jumps over the lazy dog";
        let (a, b) = data.split_at(17);
        assert_eq!(Crc32c::new().update(a).update(b).finish(), crc32c(data));
        assert_eq!(crc32c(data), 0x2262_0404);
    }
}

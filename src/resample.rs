//! The bootstrap's draws: sums over units drawn with replacement by SplitMix64. On x86-64 with
//! AVX-512 eight draws are made at once; they are the same draws, so the sums are the same bits.

/// SplitMix64's increment of its state per number.
pub(crate) const GAMMA: u64 = 0x9e37_79b9_7f4a_7c15;
const M1: u64 = 0xbf58_476d_1ce4_e5b9;
const M2: u64 = 0x94d0_49bb_1331_11eb;

/// SplitMix64's number for the state `z` (the state after its increment).
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(M1);
    z = (z ^ (z >> 27)).wrapping_mul(M2);
    z ^ (z >> 31)
}

/// A number in `0..n` from a random `r` (multiply-shift).
pub(crate) fn below(r: u64, n: usize) -> usize {
    ((u128::from(r) * n as u128) >> 64) as usize
}

/// Per resample, the sum of `units[i]` over `units.len()` draws of `i`, where the `k`-th draw
/// (from 1, counted over all resamples) is `below(mix(state + k * GAMMA), n)`; and the state after
/// the last draw. The sums must not overflow a `u64`.
pub(crate) fn draw_sums(units: &[u64], state: u64, resamples: usize) -> (Vec<u64>, u64) {
    #[cfg(target_arch = "x86_64")]
    if units.len() >= 8
        && units.len() < 1 << 32
        && std::arch::is_x86_feature_detected!("avx512f")
        && std::arch::is_x86_feature_detected!("avx512dq")
    {
        // SAFETY: the processor has the features the function is compiled for (just detected).
        return unsafe { avx512::draw_sums(units, state, resamples) };
    }
    draw_sums_one_by_one(units, state, resamples)
}

/// [`draw_sums`], one draw at a time.
pub(crate) fn draw_sums_one_by_one(units: &[u64], mut state: u64, resamples: usize) -> (Vec<u64>, u64) {
    let n = units.len();
    let mut sums = Vec::with_capacity(resamples);
    for _ in 0..resamples {
        let mut sum = 0u64;
        for _ in 0..n {
            state = state.wrapping_add(GAMMA);
            sum += units[below(mix(state), n)];
        }
        sums.push(sum);
    }
    (sums, state)
}

#[cfg(target_arch = "x86_64")]
mod avx512 {
    use std::arch::x86_64::*;

    use super::{GAMMA, M1, M2, below, mix};

    /// [`super::draw_sums`] eight draws at a time, for `8 <= units.len() < 2^32`: lane `l` takes
    /// the draw at state `state + (l + 1) * GAMMA`, and its index is the high half of a 64 by
    /// 32-bit product, made of two 32 by 32-bit products. The eight units are then read one by
    /// one (faster here than a gather) and added as a tree.
    #[target_feature(enable = "avx512f,avx512dq")]
    pub(super) fn draw_sums(units: &[u64], mut state: u64, resamples: usize) -> (Vec<u64>, u64) {
        let n = units.len();
        let gamma = _mm512_set1_epi64(GAMMA as i64);
        let offsets = _mm512_mullo_epi64(_mm512_set_epi64(8, 7, 6, 5, 4, 3, 2, 1), gamma);
        let step = GAMMA.wrapping_mul(8);
        let (nv, m1, m2) = (_mm512_set1_epi64(n as i64), _mm512_set1_epi64(M1 as i64), _mm512_set1_epi64(M2 as i64));
        let mut sums = Vec::with_capacity(resamples);
        let mut at = [0u64; 8];
        for _ in 0..resamples {
            let (mut sum, mut k) = (0u64, 0);
            while k + 8 <= n {
                let mut z = _mm512_add_epi64(_mm512_set1_epi64(state as i64), offsets);
                z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64::<30>(z)), m1);
                z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64::<27>(z)), m2);
                z = _mm512_xor_si512(z, _mm512_srli_epi64::<31>(z));
                let low = _mm512_mul_epu32(z, nv);
                let high = _mm512_mul_epu32(_mm512_srli_epi64::<32>(z), nv);
                let index = _mm512_srli_epi64::<32>(_mm512_add_epi64(high, _mm512_srli_epi64::<32>(low)));
                // SAFETY: `at` is 64 bytes, the size of the vector stored.
                unsafe { _mm512_storeu_si512(at.as_mut_ptr().cast(), index) };
                let u = |l: usize| units[at[l] as usize];
                sum += ((u(0) + u(1)) + (u(2) + u(3))) + ((u(4) + u(5)) + (u(6) + u(7)));
                state = state.wrapping_add(step);
                k += 8;
            }
            for _ in k..n {
                state = state.wrapping_add(GAMMA);
                sum += units[below(mix(state), n)];
            }
            sums.push(sum);
        }
        (sums, state)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_at_a_time_draws_what_one_at_a_time_draws() {
        for n in [1usize, 7, 8, 9, 13, 64, 1001] {
            let units: Vec<u64> = (0..n as u64).map(|i| ((i * 2_654_435_761) % 1000) | ((i % 3) << 32)).collect();
            let state = 0x00ca_1e1d_05c0_0b00 ^ n as u64;
            assert_eq!(draw_sums(&units, state, 50), draw_sums_one_by_one(&units, state, 50), "n = {n}");
        }
    }

    #[test]
    fn draws_are_those_of_splitmix64() {
        let units: Vec<u64> = (0..10).collect();
        let (sums, state) = draw_sums_one_by_one(&units, 7, 1);
        let expected: u64 = (1..=10u64).map(|k| below(mix(7u64.wrapping_add(k.wrapping_mul(GAMMA))), 10) as u64).sum();
        assert_eq!(sums, vec![expected]);
        assert_eq!(state, 7u64.wrapping_add(10u64.wrapping_mul(GAMMA)));
    }
}

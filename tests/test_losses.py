"""Loss and advantage functions against hand-computed values."""
import math

import pytest
import torch

from rlhf_utils.ppo import compute_gae, kl_per_token, masked_whiten, policy_loss, value_loss
from rlhf_utils.reward import bradley_terry_loss


def softplus(x: float) -> float:  # -log sigmoid(-x) = log(1 + e^x)
    return math.log1p(math.exp(x))


def test_bradley_terry_by_hand():
    chosen, rejected = torch.tensor([2.0, 0.0, -1.0]), torch.tensor([1.0, 0.0, 1.0])
    # -log sigmoid(d) = log(1 + e^-d) for d = 1, 0, -2
    expected = (softplus(-1) + math.log(2) + softplus(2)) / 3
    assert bradley_terry_loss(chosen, rejected).item() == pytest.approx(expected, rel=1e-6)
    assert bradley_terry_loss(chosen, rejected, None).item() == pytest.approx(expected, rel=1e-6)


def test_bradley_terry_with_margin_by_hand():
    chosen, rejected = torch.tensor([2.0, 0.5]), torch.tensor([1.0, 0.0])
    # d - margin = 1 - 1 = 0 and 0.5 - 1 = -0.5
    expected = (math.log(2) + softplus(0.5)) / 2
    assert bradley_terry_loss(chosen, rejected, margin=1.0).item() == pytest.approx(expected, rel=1e-6)
    per_pair = torch.tensor([0.0, 0.5])  # margins may differ per pair
    expected = (softplus(-1.0) + math.log(2)) / 2
    assert bradley_terry_loss(chosen, rejected, per_pair).item() == pytest.approx(expected, rel=1e-6)


def test_bradley_terry_gradient_pushes_chosen_up():
    chosen = torch.tensor([0.0], requires_grad=True)
    bradley_terry_loss(chosen, torch.tensor([0.0])).backward()
    assert chosen.grad.item() == pytest.approx(-0.5)  # d/dx -log sigmoid(x) at 0


def test_gae_hand_computed():
    # one sequence of 3 valid tokens, then padding; gamma = 0.9, lambda = 0.5
    rewards = torch.tensor([[0.0, 0.0, 1.0, 5.0]])
    values = torch.tensor([[0.5, 0.2, 0.4, 9.0]])
    mask = torch.tensor([[1, 1, 1, 0]])
    adv, ret = compute_gae(rewards, values, mask, gamma=0.9, lam=0.5)
    d2 = 1.0 + 0.9 * 0 - 0.4          # 0.6: value after the last token is 0
    d1 = 0.0 + 0.9 * 0.4 - 0.2        # 0.16
    d0 = 0.0 + 0.9 * 0.2 - 0.5        # -0.32
    a2 = d2
    a1 = d1 + 0.45 * a2
    a0 = d0 + 0.45 * a1
    assert adv.tolist()[0] == pytest.approx([a0, a1, a2, 0.0], abs=1e-6)
    assert ret.tolist()[0] == pytest.approx([a0 + 0.5, a1 + 0.2, a2 + 0.4, 0.0], abs=1e-6)


def gae_direct(rewards, values, length, gamma, lam):
    """Textbook sum: A_t = sum_k (gamma*lam)^k delta_{t+k}, V beyond the end = 0."""
    deltas = []
    for t in range(length):
        v_next = values[t + 1] if t + 1 < length else 0.0
        deltas.append(rewards[t] + gamma * v_next - values[t])
    return [sum((gamma * lam) ** k * deltas[t + k] for k in range(length - t)) for t in range(length)]


@pytest.mark.parametrize(("gamma", "lam"), [(1.0, 0.95), (0.99, 1.0), (0.5, 0.0)])
def test_gae_matches_direct_loop_on_ragged_batch(gamma, lam):
    g = torch.Generator().manual_seed(0)
    rewards, values = torch.randn(4, 7, generator=g), torch.randn(4, 7, generator=g)
    lengths = [7, 3, 1, 5]
    mask = torch.zeros(4, 7, dtype=torch.long)
    for i, n in enumerate(lengths):
        mask[i, :n] = 1
    adv, ret = compute_gae(rewards, values, mask, gamma, lam)
    for i, n in enumerate(lengths):
        expected = gae_direct(rewards[i].tolist(), values[i].tolist(), n, gamma, lam)
        assert adv[i, :n].tolist() == pytest.approx(expected, abs=1e-5)
        assert adv[i, n:].abs().sum() == 0 and ret[i, n:].abs().sum() == 0
        assert ret[i, :n].tolist() == pytest.approx([a + v for a, v in zip(expected, values[i, :n].tolist())], abs=1e-5)


def test_whiten_uses_valid_tokens_only():
    x = torch.tensor([[1.0, 3.0, 100.0]])
    mask = torch.tensor([[1.0, 1.0, 0.0]])
    w = masked_whiten(x, mask)
    assert w.tolist()[0] == pytest.approx([-1.0, 1.0, 0.0], abs=1e-4)  # mean 2, std 1 over valid


def test_clipped_policy_loss_by_hand():
    old = torch.zeros(1, 3)
    new = torch.log(torch.tensor([[1.5, 0.5, 1.1]]))  # ratios 1.5, 0.5, 1.1
    adv = torch.tensor([[1.0, 1.0, -2.0]])
    mask = torch.tensor([[1.0, 1.0, 1.0]])
    loss, clip_frac = policy_loss(new, old, adv, mask, clip_range=0.2)
    # token 0: max(-1.5, -1.2) = -1.2 (clipped); token 1: max(-0.5, -0.8) = -0.5; token 2: max(2.2, 2.2) = 2.2
    assert loss.item() == pytest.approx((-1.2 - 0.5 + 2.2) / 3, abs=1e-6)
    assert clip_frac.item() == pytest.approx(1 / 3)


def test_clipped_value_loss_by_hand():
    values, old, returns = torch.tensor([[1.0, 0.0]]), torch.tensor([[0.0, 0.0]]), torch.tensor([[0.0, 1.0]])
    mask = torch.tensor([[1.0, 1.0]])
    # token 0: v=1, clipped to 0.2: max(1, 0.04) = 1; token 1: v=0, clipped 0: max(1, 1) = 1
    assert value_loss(values, old, returns, mask, 0.2).item() == pytest.approx(0.5 * (1 + 1) / 2)


def test_kl_estimates_by_hand():
    logp = torch.log(torch.tensor([[0.5, 0.2, 0.9]]))
    ref = torch.log(torch.tensor([[0.25, 0.4, 0.1]]))
    mask = torch.tensor([[1.0, 1.0, 0.0]])
    k1, k3 = kl_per_token(logp, ref, mask)
    assert k1.tolist()[0] == pytest.approx([math.log(2), math.log(0.5), 0.0], abs=1e-6)
    # k3 = r - 1 - log r, r = ref / pi: 0.5 - 1 + log 2 and 2 - 1 - log 2
    assert k3.tolist()[0] == pytest.approx([-0.5 + math.log(2), 1 - math.log(2), 0.0], abs=1e-6)
    assert (k3 >= 0).all()

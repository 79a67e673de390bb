import torch
from torch import nn
from transformers import AutoModel


class CandidateClassifier(nn.Module):
    """MiniLM encoder; head over concat(marker '[' vector, masked mean pool) -> 21 logits."""

    def __init__(self, model_dir, n_classes=21):
        super().__init__()
        self.enc = AutoModel.from_pretrained(model_dir)
        h = self.enc.config.hidden_size
        self.drop = nn.Dropout(0.1)
        self.head = nn.Linear(2 * h, n_classes)

    def forward(self, input_ids, attention_mask, marker_pos):
        hs = self.enc(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        m = attention_mask.unsqueeze(-1).to(hs.dtype)
        mean = (hs * m).sum(1) / m.sum(1).clamp(min=1.0)
        idx = marker_pos.view(-1, 1, 1).expand(-1, 1, hs.size(-1))
        mark = hs.gather(1, idx).squeeze(1)
        return self.head(self.drop(torch.cat([mark, mean], -1)))

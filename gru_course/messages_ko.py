"""Korean templates of every gru_course.checks message, keyed by the English template.

Written for the Korean edition (issue 15); i18n.tr() looks a template up here when a notebook
chose Korean. tests/test_messages.py fails when a message used in gru_course.checks has no
entry, or when an entry's placeholders differ from the English ones.
"""

MESSAGES: dict[str, str] = {
    'You zeroed a row where a column is meant. weight_hh_l0 is (gates × H, H): row i computes gate input i, column u is what unit u sends to every gate; zero weight_hh_l0[:, unit] and head.weight[:, unit] (head.weight is (V, H)).':
        '열을 0으로 만들어야 하는데 행을 0으로 만들었습니다. weight_hh_l0은 (게이트 수 × H, H) 형태입니다. 행 i는 게이트 입력 i를 계산하고, 열 u는 유닛 u가 모든 게이트로 보내는 값입니다. weight_hh_l0[:, unit]과 head.weight[:, unit]을 0으로 만드세요(head.weight는 (V, H) 형태입니다).',
    "The recurrent weights are right but the read-out still hears the unit: also zero its column of head.weight, (V, H), so that h_unit reaches no word's score.":
        '순환 가중치는 맞지만 출력층이 아직 이 유닛의 값을 받습니다. h_unit이 어떤 단어의 점수에도 닿지 않도록 head.weight((V, H) 형태)에서 이 유닛의 열도 0으로 만드세요.',
    'The read-out is right but the other units still hear this one: also zero its column of rnn.weight_hh_l0, in all gate blocks.':
        '출력층은 맞지만 다른 유닛들이 아직 이 유닛의 값을 받습니다. rnn.weight_hh_l0에서 이 유닛의 열도 모든 게이트 블록에 걸쳐 0으로 만드세요.',
    'Only the first gate block is zeroed: weight_hh_l0 stacks the blocks r, z, n (an LSTM four), so weight_hh_l0[:H, unit] reaches only r. Zero the whole column, weight_hh_l0[:, unit].':
        '첫 번째 게이트 블록만 0으로 만들었습니다. weight_hh_l0은 r, z, n 블록을 쌓은 것이므로(LSTM은 네 블록), weight_hh_l0[:H, unit]은 r에만 닿습니다. 열 전체, 즉 weight_hh_l0[:, unit]을 0으로 만드세요.',
    'Three gate blocks are zeroed, which is all of a GRU but not of an LSTM (i, f, g, o: four blocks). Zero the whole column, weight_hh_l0[:, unit], whatever the cell.':
        '게이트 블록 세 개를 0으로 만들었습니다. GRU라면 전부이지만 LSTM(i, f, g, o: 네 블록)은 그렇지 않습니다. 셀 종류와 상관없이 열 전체, 즉 weight_hh_l0[:, unit]을 0으로 만드세요.',
    'The unit still reads its own previous value: its own rows of the column (u, H + u, 2H + u) were left. No gate of any unit may read it, its own included: zero the whole column.':
        '이 유닛이 아직 자신의 이전 값을 읽습니다. 열에서 이 유닛 자신의 행(u, H + u, 2H + u)을 남겨 두었습니다. 자기 자신을 포함해 어떤 유닛의 게이트도 이 값을 읽으면 안 되므로, 열 전체를 0으로 만드세요.',
    'You silenced what flows *into* the unit (its rows of weight_ih_l0) instead of what flows out of it. Ablation here means its value reaches nothing: zero its columns of rnn.weight_hh_l0 and head.weight.':
        '유닛에서 나가는 값이 아니라 유닛으로 *들어오는* 값(weight_ih_l0에서 이 유닛의 행)을 막았습니다. 여기서 제거 실험이란 이 유닛의 값이 아무 데에도 닿지 않게 하는 것입니다. rnn.weight_hh_l0과 head.weight에서 이 유닛의 열을 0으로 만드세요.',
    "GRUs and an LSTM: the unit's columns zeroed, the model left intact":
        'GRU와 LSTM: 유닛의 열은 0, 원래 모델은 그대로',
    'A unit whose ablation also breaks the simple sentences is not a number unit: it breaks everything. Require simple/S and simple/P to stay at 0.9 or above.':
        '제거했을 때 simple 문장까지 틀리게 되는 유닛은 수 유닛이 아니라 모든 것을 망가뜨리는 유닛입니다. simple/S와 simple/P가 0.9 이상으로 유지되어야 한다는 조건을 넣으세요.',
    "A unit's own number is judged by the *mean* of its four long sets (0.75 or below), not by the lowest of them.":
        '유닛이 담당하는 수(단수 또는 복수)는 그 수의 long 세트 네 개 중 가장 낮은 값이 아니라 네 세트의 *평균*(0.75 이하)으로 판단합니다.',
    "A unit's own number is judged by the *mean* of its four long sets (0.75 or below), not by the highest of them.":
        '유닛이 담당하는 수(단수 또는 복수)는 그 수의 long 세트 네 개 중 가장 높은 값이 아니라 네 세트의 *평균*(0.75 이하)으로 판단합니다.',
    'The other number must keep *every* one of its four long sets at 0.9 or above (their minimum), not only their mean.':
        '다른 쪽 수는 평균만이 아니라 long 세트 네 개 *모두*(즉 최솟값)가 0.9 이상이어야 합니다.',
    "A unit whose ablation breaks both numbers is not a number unit for one of them: require the other number's long sentences to stay at 0.9 or above.":
        '제거했을 때 두 수가 모두 틀리게 되는 유닛은 어느 한쪽의 수 유닛이 아닙니다. 다른 쪽 수의 long 문장이 0.9 이상으로 유지되어야 한다는 조건을 넣으세요.',
    'sg and pl are swapped: the singular unit is the one whose removal breaks the sentences with a singular subject (long/S0 ... long/S3).':
        'sg와 pl이 뒤바뀌었습니다. 단수 유닛은 제거했을 때 주어가 단수인 문장(long/S0 ... long/S3)이 틀리게 되는 유닛입니다.',
    "When several units pass the rule, return the strongest: the one whose ablation leaves the lowest accuracy on its number's long sentences, not the first in order.":
        '규칙을 통과하는 유닛이 여럿이면 순서상 첫 번째가 아니라 가장 강한 유닛을 반환하세요. 가장 강한 유닛은 제거했을 때 해당 수의 long 문장 정확도가 가장 낮아지는 유닛입니다.',
    'The rule is about long-range agreement: use the long sets (long/S0 ... long/P3), not nounpp.':
        '이 규칙은 먼 거리의 수 일치에 관한 것입니다. nounpp가 아니라 long 세트(long/S0 ... long/P3)를 사용하세요.',
    "The thresholds include their edges: 'falls to 0.75 or below' is <= 0.75, 'stays at 0.9 or above' is >= 0.9.":
        "임계값은 경계를 포함합니다. '0.75 이하로 떨어진다'는 <= 0.75, '0.9 이상을 유지한다'는 >= 0.9입니다.",
    'a table with one singular and one plural unit':
        '단수 유닛 하나와 복수 유닛 하나가 있는 표',
    'a table where a unit breaks everything, simple sentences too':
        'simple 문장까지 모든 것을 망가뜨리는 유닛이 있는 표',
    'a table where a unit breaks both numbers':
        '두 수를 모두 망가뜨리는 유닛이 있는 표',
    'a table where two units pass and the second is stronger':
        '두 유닛이 통과하고 두 번째 유닛이 더 강한 표',
    'a table where one unit matters for nounpp only':
        'nounpp에만 영향을 주는 유닛이 있는 표',
    'a table with values exactly on the thresholds':
        '값이 정확히 임계값에 걸린 표',
    'a table with no number unit at all':
        '수 유닛이 전혀 없는 표',
    "a table where a unit's own four long sets differ from each other":
        '한 유닛이 담당하는 수의 long 세트 네 개의 값이 서로 다른 표',
    "a table where one of the other number's sets drops below 0.9 and their mean does not":
        '다른 쪽 수의 세트 하나는 0.9 아래로 떨어지지만 그 평균은 떨어지지 않는 표',
    'a {upper} language model with {hidden} units, unit {unit}':
        '유닛이 {hidden}개인 {upper} 언어 모델의 유닛 {unit}',
    'the rule on {n_number_unit_tables} made-up ablation tables':
        '가상의 제거 실험 표 {n_number_unit_tables}개에 규칙 적용',
    '{name} is wrong on {case}: the tensors {items} are not what the ablation should leave. In a weight matrix a row is what one unit (or word) receives and a column what one unit sends; change only what the ablated unit sends, and nothing else.':
        '{name}의 결과가 {case}에서 틀렸습니다. 다음 텐서가 제거 실험 후 남아야 할 값과 다릅니다: {items}. 가중치 행렬에서 행은 유닛(또는 단어) 하나가 받는 값이고, 열은 유닛 하나가 보내는 값입니다. 제거한 유닛이 보내는 값만 바꾸고, 다른 것은 건드리지 마세요.',
    '{name} is wrong on {case}: it returned {out}, the rule gives {expected}.':
        '{name}의 결과가 {case}에서 틀렸습니다. 반환값: {out}, 규칙에 따른 답: {expected}.',
    '{name} returned None on {case}: return the ablated copy.':
        '{case}에서 {name}의 반환값이 None입니다. 유닛을 제거한 사본을 반환하세요.',
    '{name} returned a {out_type}; return the ablated model (a copy of the one you were given).':
        '{name}의 반환값이 {out_type} 객체입니다. 유닛을 제거한 모델(전달받은 모델의 사본)을 반환하세요.',
    "{name} changed the model it was given ({case}). Ablate a copy: ablated = copy.deepcopy(model), then zero the copy's weights, so that the intact model can still be compared with it.":
        '{name}에서 전달받은 모델 자체를 바꿨습니다({case}). 사본으로 제거 실험을 하세요. ablated = copy.deepcopy(model)로 복사한 뒤 사본의 가중치를 0으로 만들어야 원래 모델과 비교할 수 있습니다.',
    "{name} calls probing.{attribute}, the course's own answer: write it yourself.":
        '{name}에서 probing.{attribute} 함수를 호출합니다. 이것은 강좌가 제공하는 정답 구현입니다. 직접 작성하세요.',
    "{name} returned {out!r} on {case}; return a dict with the keys 'sg' and 'pl', each a unit (an int) or None.":
        "{case}에서 {name}의 반환값이 {out!r}입니다. 키가 'sg'와 'pl'이고 각 값이 유닛 번호(int) 또는 None인 딕셔너리를 반환하세요.",
    '{name} returned {out!r} on {case}: each value must be one unit (an int) or None, not a list or an array of candidates.':
        '{case}에서 {name}의 반환값이 {out!r}입니다. 각 값은 후보 유닛들의 리스트나 배열이 아니라 유닛 하나(int) 또는 None이어야 합니다.',
    '{name} is wrong on {case}. {hint}':
        '{name}의 결과가 {case}에서 틀렸습니다. {hint}',
    '{name} is wrong on {case}: it returned {out}, the rule gives {expected}. {hint}':
        '{name}의 결과가 {case}에서 틀렸습니다. 반환값: {out}, 규칙에 따른 답: {expected}. {hint}',
    'You differentiated h_t = (1 - z) ⊙ h_prev + z ⊙ n, the other update-gate convention. Here h_t = z ⊙ h_prev + (1 - z) ⊙ n: ∂h_t/∂z = h_prev - n, ∂h_t/∂n = 1 - z, and the direct path to h_prev carries dh_t ⊙ z.':
        '다른 갱신 게이트 규약인 h_t = (1 - z) ⊙ h_prev + z ⊙ n을 미분했습니다. 여기서는 h_t = z ⊙ h_prev + (1 - z) ⊙ n입니다: ∂h_t/∂z = h_prev - n, ∂h_t/∂n = 1 - z이고, h_prev로 가는 직접 경로로는 dh_t ⊙ z가 전달됩니다.',
    "You returned σ'(a) = s (1 - s) alone; multiply by the upstream gradient ds (chain rule: dL/da = dL/ds · ds/da).":
        "σ'(a) = s (1 - s)만 반환했습니다. 전달받은 기울기 ds를 곱하세요(연쇄 법칙: dL/da = dL/ds · ds/da).",
    's is already σ(a): the derivative is s (1 - s), not σ(s) (1 - σ(s)).':
        's는 이미 σ(a)입니다: 도함수는 σ(s) (1 - σ(s))가 아니라 s (1 - s)입니다.',
    "The factor s is missing: σ'(a) = s (1 - s).":
        "인수 s가 빠졌습니다: σ'(a) = s (1 - s).",
    "The factor (1 - s) is missing: σ'(a) = s (1 - s).":
        "인수 (1 - s)가 빠졌습니다: σ'(a) = s (1 - s).",
    "ds (1 - s²) is the derivative of tanh; the sigmoid's is s (1 - s).":
        'ds (1 - s²)는 tanh의 도함수입니다. 시그모이드의 도함수는 s (1 - s)입니다.',
    "You returned tanh'(a) = 1 - t² alone; multiply by the upstream gradient dt.":
        "tanh'(a) = 1 - t²만 반환했습니다. 전달받은 기울기 dt를 곱하세요.",
    't is already tanh(a): the derivative is 1 - t², not 1 - tanh(t)².':
        't는 이미 tanh(a)입니다: 도함수는 1 - tanh(t)²이 아니라 1 - t²입니다.',
    "1 - t should be 1 - t²: tanh'(a) = 1 - tanh(a)².":
        "1 - t가 아니라 1 - t²이어야 합니다: tanh'(a) = 1 - tanh(a)².",
    "dt t (1 - t) is the sigmoid's derivative; tanh's is 1 - t².":
        'dt t (1 - t)는 시그모이드의 도함수입니다. tanh의 도함수는 1 - t²입니다.',
    "The '1 -' is missing: tanh'(a) = 1 - t², not t².":
        "'1 -'가 빠졌습니다: tanh'(a)는 t²이 아니라 1 - t²입니다.",
    '∂h_t/∂z has the wrong sign: it is h_prev - n (h_t = z h_prev + (1 - z) n).':
        '∂h_t/∂z의 부호가 반대입니다: h_prev - n이어야 합니다(h_t = z h_prev + (1 - z) n).',
    'dh_prev misses the direct path: h_prev enters h_t directly, weighted by z, so dh_prev starts as dh_t ⊙ z.':
        'dh_prev에 직접 경로가 빠졌습니다: h_prev는 z가 곱해져 h_t에 직접 들어가므로, dh_prev는 dh_t ⊙ z에서 시작합니다.',
    'The direct path carries dh_t ⊙ z, not dh_t ⊙ (1 - z): in h_t = z ⊙ h_prev + (1 - z) ⊙ n it is z that multiplies h_prev.':
        '직접 경로로 전달되는 것은 dh_t ⊙ (1 - z)가 아니라 dh_t ⊙ z입니다: h_t = z ⊙ h_prev + (1 - z) ⊙ n에서 h_prev에 곱해지는 것은 z입니다.',
    'dW_hn must use what W_hn multiplied in the forward pass, r ⊙ h_prev: dW_hn = (r ⊙ h_prev)ᵀ da_n, not h_prevᵀ da_n.':
        'dW_hn에는 순전파에서 W_hn과 곱해진 r ⊙ h_prev를 써야 합니다: dW_hn = (r ⊙ h_prev)ᵀ da_n이며, h_prevᵀ da_n이 아닙니다.',
    'dh_prev misses the path through the candidate: with d(r ⊙ h_prev) = da_n W_hnᵀ, h_prev receives d(r ⊙ h_prev) ⊙ r.':
        'dh_prev에 후보 은닉 상태를 거치는 경로가 빠졌습니다: d(r ⊙ h_prev) = da_n W_hnᵀ일 때 h_prev는 d(r ⊙ h_prev) ⊙ r을 받습니다.',
    'dh_prev misses the paths through the gates: h_prev also feeds r and z, so add da_r W_hrᵀ + da_z W_hzᵀ.':
        'dh_prev에 게이트를 거치는 경로가 빠졌습니다: h_prev는 r과 z에도 들어가므로 da_r W_hrᵀ + da_z W_hzᵀ를 더하세요.',
    'You differentiated the reset-after candidate r ⊙ (h_prev W_hn + b_hn); this exercise uses the lecture form (r ⊙ h_prev) W_hn.':
        '행렬 곱 뒤에 리셋하는 후보 은닉 상태 r ⊙ (h_prev W_hn + b_hn)을 미분했습니다. 이 연습 문제는 강의의 형태 (r ⊙ h_prev) W_hn을 씁니다.',
    'The tanh derivative is missing: da_n = dn ⊙ (1 - n²).':
        'tanh의 도함수가 빠졌습니다: da_n = dn ⊙ (1 - n²).',
    'W_hn is not transposed on the way back: the candidate computed (r ⊙ h_prev) @ W_hn, so the gradient reaching r ⊙ h_prev is da_n @ W_hnᵀ.':
        '역전파에서 W_hn을 전치하지 않았습니다: 후보 은닉 상태는 (r ⊙ h_prev) @ W_hn을 계산했으므로, r ⊙ h_prev에 도달하는 기울기는 da_n @ W_hnᵀ입니다.',
    'The sigmoid derivatives are missing: da_r = dr ⊙ r (1 - r), da_z = dz ⊙ z (1 - z).':
        '시그모이드의 도함수가 빠졌습니다: da_r = dr ⊙ r (1 - r), da_z = dz ⊙ z (1 - z).',
    'dx_t misses the contributions through the gates: dx_t = da_r W_xrᵀ + da_z W_xzᵀ + da_n W_xnᵀ.':
        'dx_t에 게이트를 거쳐 오는 기여가 빠졌습니다: dx_t = da_r W_xrᵀ + da_z W_xzᵀ + da_n W_xnᵀ.',
    "The recurrent weight gradients are transposed: dW_hr = h_prevᵀ da_r (rows of W_hr belong to h_prev's units), not da_rᵀ h_prev.":
        '순환 가중치의 기울기가 전치되었습니다: da_rᵀ h_prev가 아니라 dW_hr = h_prevᵀ da_r입니다(W_hr의 행은 h_prev의 유닛에 대응합니다).',
    'every result is wrong':
        '모든 결과가 틀렸습니다',
    'the direct path dh ⊙ z':
        '직접 경로 dh ⊙ z',
    'the candidate path (da_n W_hnᵀ) ⊙ r':
        '후보 은닉 상태 경로 (da_n W_hnᵀ) ⊙ r',
    "the reset gate's path da_r W_hrᵀ":
        '리셋 게이트 경로 da_r W_hrᵀ',
    "the update gate's path da_z W_hzᵀ":
        '갱신 게이트 경로 da_z W_hzᵀ',
    "Every parameter gradient is right, but dh_prev is wrong: it is the sum of four paths, the direct one dh ⊙ z, the candidate's and the two gates'.":
        '매개변수 기울기는 모두 맞지만 dh_prev가 틀렸습니다: dh_prev는 네 경로의 합입니다. 직접 경로 dh ⊙ z, 후보 은닉 상태를 거치는 경로, 두 게이트를 각각 거치는 경로입니다.',
    'Only dx is wrong: dx = da_r W_xrᵀ + da_z W_xzᵀ + da_n W_xnᵀ.':
        'dx만 틀렸습니다: dx = da_r W_xrᵀ + da_z W_xzᵀ + da_n W_xnᵀ.',
    "Only db_hn is wrong: in the lecture form b_xn and b_hn get the same gradient, the sum over the batch of da_n; only PyTorch's reset-after form scales b_hn's by r.":
        'db_hn만 틀렸습니다: 강의의 형태에서는 b_xn과 b_hn이 같은 기울기, 곧 da_n을 배치에 걸쳐 합한 값을 받습니다. b_hn의 기울기에 r을 곱하는 것은 행렬 곱 뒤에 리셋하는 PyTorch의 형태뿐입니다.',
    "Only bias gradients are wrong, the weights' are right: a bias is added to every example of the batch, so its gradient is the *sum* over the batch of its pre-activation's gradient (not the mean, not one row).":
        '편향의 기울기만 틀렸고 가중치의 기울기는 맞습니다: 편향은 배치의 모든 예제에 더해지므로, 편향의 기울기는 그 편향이 더해지는 활성화 전 값의 기울기를 배치에 걸쳐 *합한* 것입니다(평균도 아니고, 한 행만도 아닙니다).',
    'Only dW_hn is wrong: W_hn multiplied r ⊙ h_prev, so dW_hn = (r ⊙ h_prev)ᵀ da_n.':
        'dW_hn만 틀렸습니다: W_hn은 r ⊙ h_prev와 곱해졌으므로 dW_hn = (r ⊙ h_prev)ᵀ da_n입니다.',
    "The candidate's gradients are wrong from the start (dW_xn, db_xn), so da_n is: da_n = dh ⊙ (1 - z) ⊙ (1 - n²), with tanh' written with the output n.":
        "후보 은닉 상태의 기울기(dW_xn, db_xn)가 처음부터 틀렸으므로 da_n이 틀린 것입니다: tanh'를 출력 n으로 나타내면 da_n = dh ⊙ (1 - z) ⊙ (1 - n²)입니다.",
    "The candidate's and the reset gate's gradients are right, the update gate's are not, so da_z is wrong: da_z = dh ⊙ (h_prev - n) ⊙ z (1 - z).":
        '후보 은닉 상태와 리셋 게이트의 기울기는 맞고 갱신 게이트의 기울기만 틀렸으므로, da_z가 틀린 것입니다: da_z = dh ⊙ (h_prev - n) ⊙ z (1 - z).',
    "The candidate's and the update gate's gradients are right, the reset gate's are not, so da_r is wrong: da_r = (da_n W_hnᵀ) ⊙ h_prev ⊙ r (1 - r).":
        '후보 은닉 상태와 갱신 게이트의 기울기는 맞고 리셋 게이트의 기울기만 틀렸으므로, da_r이 틀린 것입니다: da_r = (da_n W_hnᵀ) ⊙ h_prev ⊙ r (1 - r).',
    'the shape of its arguments':
        '인수와 같은 형태',
    '{name} is wrong on {case}: {listed}; {rest}.':
        '{name}의 결과가 {case}에서 틀렸습니다: {listed}; {rest}.',
    '{n_SIZES} random cases':
        '무작위 사례 {n_SIZES}개',
    'the other {right} results are right':
        '나머지 결과 {right}개는 맞습니다',
    'dx as':
        'dx',
    'dh_prev as':
        'dh_prev',
    'dx, dh_prev and all ten parameter gradients on {n_SIZES} cases':
        '사례 {n_SIZES}개에서 dx, dh_prev, 매개변수 기울기 10개 모두 맞음',
    'a tuple of {n_out} items':
        '항목이 {n_out}개인 튜플',
    '{name} returned {got}; return three things: (dx, dh_prev, grads).':
        '{name}의 반환값이 {got}입니다. 세 가지 (dx, dh_prev, grads)를 반환하세요.',
    "{name}'s third result is a {grads_type}; return the parameter gradients as a GRUParams(W_xr=..., ..., b_hn=...).":
        '{name}의 세 번째 결과가 {grads_type} 객체입니다. 매개변수 기울기는 GRUParams(W_xr=..., ..., b_hn=...)로 반환하세요.',
    'the shape of p.{field}':
        'p.{field}의 형태',
    '{label} (relative error {err:.0e})':
        '{label}(상대 오차 {err:.0e})',
    'Every parameter gradient is right, but dh_prev misses {items}.':
        '매개변수 기울기는 모두 맞지만 dh_prev에 빠진 경로가 있습니다: {items}.',
    'Only dx is wrong: it misses {items}.':
        'dx만 틀렸습니다. 빠진 항: {items}.',
    '{name}: grads.{field} has shape {shape}, expected (H,) = {expected}: a bias is shared by the whole batch, so sum its gradient over the batch axis (axis=0).':
        '{name}: grads.{field}의 형태가 {shape}이지만 (H,) = {expected}이어야 합니다: 편향은 배치 전체가 공유하므로, 그 기울기를 배치 축(axis=0)을 따라 합하세요.',
    'grads.{field} as':
        'grads.{field}',
    ' and ':
        ' 및 ',
    'With z ≈ 1 the direct path δ ⊙ z passes the gradient almost whole, and every other path carries a factor 1 - z (through the candidate and the reset gate) or z(1 - z) (through the update gate).':
        'z ≈ 1이면 직접 경로 δ ⊙ z가 기울기를 거의 그대로 전달하고, 다른 경로에는 모두 1 - z(후보 은닉 상태와 리셋 게이트를 거치는 경로)나 z(1 - z)(갱신 게이트를 거치는 경로)가 곱해집니다.',
    "With z ≈ 0 the direct path δ ⊙ z is nearly 0, z(1 - z) silences the update gate's path and r(1 - r) the reset gate's; the candidate, taken whole (1 - z ≈ 1) and fed the whole state (r ≈ 1), carries it.":
        'z ≈ 0이면 직접 경로 δ ⊙ z는 거의 0이고, z(1 - z)가 갱신 게이트의 경로를, r(1 - r)이 리셋 게이트의 경로를 막습니다. 기울기를 전달하는 것은 후보 은닉 상태입니다. 후보 은닉 상태는 그대로 받아들여지고(1 - z ≈ 1) 이전 은닉 상태 전체를 입력받기(r ≈ 1) 때문입니다.',
    "At initialisation z ≈ 0.5, so the direct path passes about half of δ, while the candidate's path is scaled by 1 - z ≈ 0.5, by r ≈ 0.5 and by tanh' < 1 on top of W_hn, and the gates' paths by σ' ≤ 1/4.":
        "초기화 직후에는 z ≈ 0.5이므로 직접 경로는 δ의 약 절반을 전달합니다. 반면 후보 은닉 상태의 경로에는 W_hn에 더해 1 - z ≈ 0.5, r ≈ 0.5, tanh' < 1이 곱해지고, 게이트들의 경로에는 σ' ≤ 1/4가 곱해집니다.",
    'You overwrote the gradient coming back from step t+1: the gradient that reaches h_t is dhs[t] plus the dh_prev returned by step t+1; add them.':
        '시간 단계 t+1에서 돌아오는 기울기를 덮어썼습니다. h_t에 도달하는 기울기는 dhs[t]에 시간 단계 t+1이 반환한 dh_prev를 더한 값이므로, 두 값을 더하세요.',
    "dhs[t] enters only at the last step: every step's own loss gradient dhs[t] must be added to what comes back from t+1.":
        'dhs[t]가 마지막 시간 단계에서만 더해집니다. 모든 시간 단계에서 그 단계 자신의 손실 기울기 dhs[t]를 t+1에서 돌아오는 기울기에 더해야 합니다.',
    "The parameter gradients are overwritten at every step, so only step 0's remains: the same weights act at every t, so sum their gradients over all steps.":
        '매개변수 기울기를 시간 단계마다 덮어써서 단계 0의 기울기만 남았습니다. 같은 가중치가 모든 t에서 쓰이므로, 그 기울기를 모든 시간 단계에 걸쳐 합하세요.',
    'You ran the steps forward in time; backpropagation runs from t = T-1 down to 0, because step t needs what flowed back from t+1.':
        '시간 단계를 시간 순서대로 진행했습니다. 단계 t에는 t+1에서 거꾸로 흘러온 기울기가 필요하므로, 역전파는 t = T-1에서 0까지 거꾸로 진행합니다.',
    'dxs is in reverse order: dxs[t] must be the gradient for xs[t]; you collected it backward and did not reverse it.':
        'dxs의 순서가 뒤집혀 있습니다. dxs[t]는 xs[t]에 대한 기울기여야 하는데, 거꾸로 모은 뒤 순서를 되돌리지 않았습니다.',
    'That is a forward difference, (f(x + eps) - f(x)) / eps, accurate only to about eps: use the centred difference (f(x + eps) - f(x - eps)) / (2 eps).':
        '이것은 전진 차분 (f(x + eps) - f(x)) / eps이며, 정확도가 eps 정도에 그칩니다. 중심 차분 (f(x + eps) - f(x - eps)) / (2 eps)를 사용하세요.',
    'Your values are twice too large: the two evaluations are 2 eps apart, so divide by 2 eps.':
        '값이 두 배로 큽니다. 함수를 평가한 두 지점은 2 eps만큼 떨어져 있으므로 2 eps로 나누세요.',
    'After evaluating at x[i] + eps you went back to x[i], not to x[i] - eps: the second evaluation must be at x[i] - eps.':
        'x[i] + eps에서 함수를 평가한 뒤 x[i] - eps가 아니라 x[i]로 되돌아갔습니다. 두 번째 평가는 x[i] - eps에서 해야 합니다.',
    'You moved every entry of x at once; move one entry at a time, so that each difference measures one partial derivative.':
        'x의 모든 요소를 한꺼번에 움직였습니다. 한 번에 한 요소씩 움직여야 각 차분이 편미분 하나를 측정합니다.',
    'You ignored the eps argument (or used another value): use the eps you are given.':
        'eps 인수를 무시했습니다(또는 다른 값을 썼습니다). 주어진 eps를 사용하세요.',
    'centred differences, x unchanged, eps respected':
        '중심 차분, x 변경 없음, eps 준수',
    '✓ first_wrong_step is correct: every step is right except t = 0, which the loop range(T - 1, 0, -1) never reaches (its end is exclusive). range(T - 1, -1, -1) fixes it.':
        '✓ first_wrong_step이 맞습니다. t = 0을 제외한 모든 시간 단계가 맞습니다. 반복문 range(T - 1, 0, -1)은 끝값을 포함하지 않으므로 t = 0에 도달하지 못합니다. range(T - 1, -1, -1)로 고치면 됩니다.',
    "You clipped each parameter's gradient on its own: clip them together by the global norm √(Σ‖g‖²), so that the update keeps its direction.":
        '매개변수마다 기울기를 따로 클리핑했습니다. 매개변수 갱신 방향이 유지되도록 전역 노름 √(Σ‖g‖²)을 기준으로 모든 기울기를 함께 클리핑하세요.',
    'np.clip bounds every entry separately; gradient clipping rescales the whole gradient so that its global norm is at most max_norm.':
        'np.clip은 각 요소를 따로 제한합니다. 기울기 클리핑은 전역 노름이 max_norm 이하가 되도록 기울기 전체의 크기를 조정합니다.',
    'A gradient whose norm is already below max_norm must pass unchanged: scale by min(1, max_norm / norm).':
        '노름이 이미 max_norm보다 작은 기울기는 그대로 통과해야 합니다. min(1, max_norm / norm)을 곱하세요.',
    'The scale factor is max_norm / norm, not norm / max_norm.':
        '배율은 norm / max_norm이 아니라 max_norm / norm입니다.',
    'The global norm is the square root of the sum of squares; you left out the root.':
        '전역 노름은 제곱합의 제곱근입니다. 제곱근을 빠뜨렸습니다.',
    'large gradients rescaled to max_norm, small ones unchanged':
        '큰 기울기는 max_norm으로 조정, 작은 기울기는 그대로',
    "'direct', 'candidate' or 'gates'":
        "'direct', 'candidate', 'gates' 중 하나",
    '3 regimes, each measured':
        '세 가지 상황 모두 측정으로 확인',
    "Every dL/dx_t is right, but the parameter gradients go wrong once the sequence has {value} steps: look at how you combine the steps' parameter gradients.":
        'dL/dx_t는 모두 맞지만, 시퀀스의 시간 단계가 {value}개가 되면 매개변수 기울기가 틀립니다. 시간 단계별 매개변수 기울기를 어떻게 합치는지 살펴보세요.',
    'the shape of x':
        'x의 형태',
    'first_wrong_step is None, which would mean no step is wrong; but mystery_gru_backward has a bug. Run time_step_report on it and read its last line.':
        'first_wrong_step이 None입니다. 이는 틀린 시간 단계가 없다는 뜻인데, mystery_gru_backward에는 버그가 있습니다. 이 함수에 time_step_report를 실행하고 마지막 줄을 읽어 보세요.',
    " A negative bias pushes z towards 0, which in the course's convention *takes* the candidate and lets the old state go.":
        ' 음의 편향은 z를 0 쪽으로 밀어냅니다. 이 강좌의 규약에서 z가 0에 가까우면 후보 은닉 상태를 *받아들이고* 이전 은닉 상태는 버립니다.',
    " Each step's direct path multiplies by z = σ(b_z + bias): raise the bias.":
        ' 각 시간 단계의 직접 경로는 기울기에 z = σ(b_z + bias)를 곱합니다. 편향을 높이세요.',
    'dxs as':
        'dxs',
    'dh0 as':
        'dh0',
    'dxs, dh0 and all ten parameter gradients on {n_SIZES} sequences':
        '시퀀스 {n_SIZES}개에서 dxs, dh0, 매개변수 기울기 10개 모두 일치',
    'time_step_report says your pass first goes wrong at t = {t} (it runs from t = 4 down to 0): look at what step {t} computes or receives from step {value}.':
        'time_step_report에 따르면 작성한 역전파가 처음 틀리는 곳은 t = {t}입니다(t = 4에서 0으로 진행합니다). 단계 {t}에서 계산하는 값이나 단계 {value}에서 받는 값을 살펴보세요.',
    'gradients of global norm {global_norm:.2f} with max_norm={max_norm}':
        '전역 노름이 {global_norm:.2f}인 기울기와 max_norm={max_norm}',
    'norm {norm:.1e} at distance 50 with bias {b:g}, and {lower:.1e} with bias {value:g}':
        '거리 50에서의 노름: 편향 {b:g}일 때 {norm:.1e}, 편향 {value:g}일 때 {lower:.1e}',
    'x of shape {shape}':
        '형태가 {shape}인 x',
    'first_wrong_step is a {first_wrong_step_type}; store the time step as an int, e.g. first_wrong_step = report.first_bad_step.':
        'first_wrong_step이 {first_wrong_step_type} 객체입니다. 시간 단계를 int로 저장하세요. 예: first_wrong_step = report.first_bad_step.',
    't = {first_wrong_step} is not where it first goes wrong. The backward pass runs from t = T-1 down to 0: in the report, go down the column dL/dx_t from the last step and find the first one marked wrong.':
        '처음 틀리는 곳은 t = {first_wrong_step} 지점이 아닙니다. 역전파는 t = T-1에서 0으로 진행합니다. 보고서의 dL/dx_t 열을 마지막 시간 단계부터 따라 내려가며, 처음으로 틀렸다고 표시된 단계를 찾으세요.',
    '{name} is None: replace None with a number, the bias you found.':
        '{name}의 값이 None입니다. None을 여러분이 찾은 편향 값(숫자 하나)으로 바꾸세요.',
    '{name} must be one number (a float such as 2.5), got a {keep_bias_50_type}.':
        '{name}에는 숫자 하나(2.5 같은 float)가 들어가야 하는데, {keep_bias_50_type} 객체가 들어 있습니다.',
    '{name} = {b:g} is not on the grid: try the biases -2, -1.5, ..., 7.5, 8 (steps of 0.5) and give the smallest that works.':
        '{name} = {b:g}: 격자에 없는 값입니다. 편향 -2, -1.5, ..., 7.5, 8(0.5 간격)을 시험해 보고 조건을 만족하는 가장 작은 값을 답하세요.',
    '{name} = {b:g}: the gradient norm 50 steps back is {norm:.1e}, not above 1e-3.{hint}':
        '{name} = {b:g}: 50 시간 단계 전의 기울기 노름이 {norm:.1e}이며, 1e-3보다 크지 않습니다.{hint}',
    '{name} = {b:g} works (norm {norm:.1e}), but so does {value:g} (norm {lower:.1e}): the exercise asks for the smallest bias on the grid. (A guess from the direct path alone, 4 z^50, comes out too high: routes that mix the direct path with the others add to it, though the others alone carry almost nothing.)':
        '{name} = {b:g}도 조건을 만족하지만(노름 {norm:.1e}), {value:g}도 만족합니다(노름 {lower:.1e}). 연습 문제는 격자에서 가장 작은 편향을 묻습니다. (직접 경로만으로 추정한 4 z^50으로 편향을 정하면 너무 높게 나옵니다. 다른 경로들만으로는 거의 아무것도 전달되지 않지만, 직접 경로와 다른 경로가 섞인 경로들이 기울기를 보태기 때문입니다.)',
    ' with eps={eps}':
        ' 및 eps={eps}',
    '{k!r}: measured {measured}, so {truth!r} dominates. {WHY_PATH_i}':
        '{k!r}: 측정값은 {measured}, 따라서 {truth!r} 경로가 가장 큽니다. {WHY_PATH_i}',
    'math.exp and its friends take one number; np.exp works elementwise on whole arrays.':
        'math.exp 같은 math 모듈 함수는 숫자 하나만 받습니다. np.exp는 배열 전체에 요소별로 적용됩니다.',
    'The inner dimensions of a matrix product disagree: in a @ W the last axis of a must equal the first axis of W (x_t (N, D) @ W_x* (D, H), h (N, H) @ W_h* (H, H)); print both shapes.':
        '행렬 곱의 안쪽 차원이 맞지 않습니다. a @ W에서 a의 마지막 축은 W의 첫 축과 크기가 같아야 합니다(x_t (N, D) @ W_x* (D, H), h (N, H) @ W_h* (H, H)). 두 형태를 출력해 보세요.',
    "torch stores a layer's weights as (3H, D) and (3H, H), one block per gate stacked along the first axis; the course's W_x* are (D, H): transpose each block.":
        'torch는 층의 가중치를 (3H, D)와 (3H, H) 형태로 저장하며, 게이트마다 블록 하나씩 첫 번째 축을 따라 쌓여 있습니다. 이 강좌의 W_x*는 (D, H) 형태이므로 블록마다 전치하세요.',
    "the packed lengths do not fit the tensor's time axis: ids are time-major (T, N), so pack with batch_first=False (the default).":
        '패킹한 길이가 텐서의 시간 축과 맞지 않습니다. ids는 시간 축이 먼저인 (T, N) 형태이므로 batch_first=False(기본값)로 패킹하세요.',
    'pack_padded_sequence needs enforce_sorted=False for a batch whose lengths are not sorted.':
        '길이가 정렬되지 않은 배치에는 pack_padded_sequence에 enforce_sorted=False를 지정해야 합니다.',
    'Two arrays of different shapes met in an elementwise operation: print the shapes of both sides.':
        '형태가 다른 두 배열이 요소별 연산에서 만났습니다. 양쪽의 형태를 출력해 보세요.',
    'Time steps run from 0 to T - 1: the last word of a sentence of length k is at t = k - 1.':
        '시간 단계는 0부터 T - 1까지입니다. 길이가 k인 문장의 마지막 단어는 t = k - 1에 있습니다.',
    'Sequences here are time-major, (T, N, D): the input of step t is xs[t]; xs[:, t] takes example t of every step.':
        '이 강좌의 시퀀스는 시간 축이 먼저인 (T, N, D) 형태입니다. 시간 단계 t의 입력은 xs[t]이고, xs[:, t]는 모든 시간 단계에서 예제 t를 가져옵니다.',
    ' It looks transposed: check the order of the factors in your products.':
        ' 전치된 것으로 보입니다. 곱셈에서 인수의 순서를 확인하세요.',
    'relative error {rel_error:.1e}; entry {value} is {out_i:.6g}, expected {expected_i:.6g}':
        '상대 오차 {rel_error:.1e}, 요소 {value}의 값 {out_i:.6g}, 기댓값 {expected_i:.6g}',
    'its values differ after the call':
        '호출 뒤에 값이 달라짐',
    '{name} returned {what}':
        '{name}의 반환값 중 {what} 항목은',
    '{name} returned':
        '{name}의 반환값은',
    ' That is batch-major (N, T, ...); sequences here are time-major: stack the steps along axis 0.':
        ' 배치 축이 먼저인 (N, T, ...) 형태입니다. 이 강좌의 시퀀스는 시간 축이 먼저이므로, 시간 단계들을 axis 0을 따라 쌓으세요.',
    '{label} is wrong on {case}: {numbers}.':
        '{label}의 결과가 {case}에서 틀렸습니다: {numbers}.',
    '{name} is wrong on {case}: the fields {items} are wrong, the other {value} are right.':
        '{name}의 결과가 {case}에서 틀렸습니다. 틀린 필드: {items}. 나머지 {value}개는 맞습니다.',
    '✓ {name} is correct ({detail}).':
        '✓ {name}: 정답입니다({detail}).',
    '\n  in your code, line {lineno}':
        '\n  작성한 코드의 {lineno}번째 줄',
    'check_{name} needs your function {name} itself, got {fn_type}: call check_{name}({name})':
        'check_{name}에는 여러분이 작성한 함수 {name} 자체를 넘겨야 하는데, {fn_type} 객체를 받았습니다. check_{name}({name})처럼 호출하세요',
    '{label} None: did you forget the `return` statement?':
        '{label} None입니다. `return` 문을 빠뜨리지 않았나요?',
    '{label} a tuple of {n_out} items; it should return one array {spec}.':
        '{label} 요소가 {n_out}개인 튜플입니다. 배열 하나여야 합니다. 형태: {spec}.',
    '{label} a {out_type}; return a numpy array of shape {spec}.':
        '{label} {out_type} 객체입니다. numpy 배열을 반환하세요. 형태: {spec}.',
    ' One axis too many or too few: did you sum, stack or index one too many times?':
        ' 축이 하나 많거나 적습니다. 합하기, 쌓기, 인덱싱을 한 번 더 하지 않았나요?',
    '{label} an array of shape {shape}, expected {spec} = {shape2}.{hint}':
        '{label} 형태가 {shape}인 배열입니다. 기대한 형태는 {spec} = {shape2}입니다.{hint}',
    '{label} an array of dtype {dtype}; expected floating point values.':
        '{label} dtype이 {dtype}인 배열입니다. 부동소수점 값이어야 합니다.',
    '{label} {dtype} values; the course computes in float64 (the inputs are float64): somewhere your code converts, e.g. .astype(np.float32) or np.float32(...).':
        '{label} {dtype} 값입니다. 이 강좌는 float64로 계산합니다(입력도 float64입니다). 코드 어딘가에서 .astype(np.float32)나 np.float32(...) 같은 변환을 하고 있습니다.',
    '{label} NaN or inf values; every entry should be a finite number.':
        '{label} NaN 또는 inf 값을 포함합니다. 모든 요소가 유한한 수여야 합니다.',
    '{label} is wrong on {case}. {sentence} ({numbers}.)':
        '{label}의 결과가 {case}에서 틀렸습니다. {sentence} ({numbers}.)',
    '{name} returned a {out_type}; return a {kind}: build one with {kind}(*arrays), or from the one you were given with its ._replace(field=...).':
        '{name}의 반환값이 {out_type} 객체입니다. {kind} 객체를 반환하세요. {kind}(*arrays)로 새로 만들거나, 전달받은 객체의 ._replace(field=...)로 만들 수 있습니다.',
    '{name} is None: fill in the dictionary, {spoken} for each key.':
        '{name}의 값이 None입니다. 딕셔너리의 각 키에 값을 채우세요({spoken}).',
    '{name} must be a dict from each key to {spoken}, got a {answer_type}.':
        '{name}에는 각 키의 값이 {spoken}인 딕셔너리가 들어가야 하는데, {answer_type} 객체가 들어 있습니다.',
    '{name} has no answer for: {items} (keep the keys as they are written).':
        '{name}에 다음 키의 답이 없습니다: {items} (키는 적혀 있는 그대로 두세요).',
    '{name} is None for every key: replace each None with {spoken}.':
        '{name}의 모든 키 값이 None입니다. 각 None을 답으로 바꾸세요({spoken}).',
    '{name}: answer {spoken} for {items}; got {items2}.':
        '{name}: {items}에 대한 답이 {items2}입니다. 답으로 쓸 수 있는 값: {spoken}.',
    'its shape became {shape}':
        '형태가 바뀜: {shape}',
    '{name} changed its argument number {value} in place ({changed}); compute into new arrays instead (a = a + b, not a += b), or restore what you changed before returning.':
        '{name}에서 {value}번째 인수를 제자리에서 변경했습니다({changed}). 새 배열에 계산하거나(a += b가 아니라 a = a + b), 반환하기 전에 바꾼 값을 원래대로 되돌려 놓으세요.',
    '{label} is wrong on {case}. {hint}':
        '{label}의 결과가 {case}에서 틀렸습니다. {hint}',
    'by at most {gap:.0e}: rounding, as when x[i] + eps - eps is not exactly x[i]; save old = x[i] and put it back with x[i] = old':
        '최대 {gap:.0e}만큼 달라짐: x[i] + eps - eps가 정확히 x[i]가 되지 않는 것과 같은 반올림 오차입니다. old = x[i]로 저장해 두었다가 x[i] = old로 되돌리세요',
    '{name} is not written yet: replace the line `raise NotImplementedError(...)` with your code, run that cell, then run this check again.':
        '{name} 함수는 아직 작성되지 않았습니다. `raise NotImplementedError(...)` 줄을 여러분의 코드로 바꾸고, 그 셀을 실행한 다음 이 검사를 다시 실행하세요.',
    '{name} raised {error}: {exc}{where}{cause}':
        '{name}에서 {error} 예외가 발생했습니다: {exc}{where}{cause}',
    'its field {field} differs after the call':
        '호출 뒤에 {field} 필드가 달라짐',
    '{name} calls {stub}, which is not written yet: finish the exercise {stub} first (or compute its result inside {name}).':
        '{name}에서 {stub} 함수를 호출하는데, {stub} 함수는 아직 작성되지 않았습니다. 먼저 연습 문제 {stub}부터 완성하세요(또는 {stub}의 결과를 {name} 안에서 직접 계산하세요).',
    'Your update gate interpolates the other way round: you wrote (1 - z) ⊙ h_prev + z ⊙ n, the convention of Chung et al. and deeplearning.ai. In this course z keeps the old state: h_t = z ⊙ h_prev + (1 - z) ⊙ n.':
        '갱신 게이트의 보간 방향이 반대입니다: Chung 등과 deeplearning.ai의 규약인 (1 - z) ⊙ h_prev + z ⊙ n으로 썼습니다. 이 강좌에서는 z가 이전 은닉 상태를 유지합니다: h_t = z ⊙ h_prev + (1 - z) ⊙ n.',
    "Your candidate resets after the matrix product (PyTorch's form); this exercise uses the lecture form, (r ⊙ h_prev) W_hn.":
        '후보 은닉 상태에서 리셋을 행렬 곱 뒤에 적용했습니다(PyTorch의 형태). 이 연습 문제는 강의의 형태 (r ⊙ h_prev) W_hn을 씁니다.',
    'You returned the candidate n; the new state mixes it with h_prev through z.':
        '후보 은닉 상태 n을 반환했습니다. 새 은닉 상태는 z에 따라 n과 h_prev를 섞은 것입니다.',
    'The factor (1 - z) in front of n is missing: h_t = z ⊙ h_prev + (1 - z) ⊙ n.':
        'n 앞의 인수 (1 - z)가 빠졌습니다: h_t = z ⊙ h_prev + (1 - z) ⊙ n.',
    'You exchanged the two gates: r belongs inside the candidate, z in the final mix.':
        '두 게이트를 서로 바꿔 썼습니다: r은 후보 은닉 상태 안에, z는 마지막 혼합에 들어갑니다.',
    'The state is not carried over time: every step starts again from h0. Feed each step the state the previous step returned.':
        '은닉 상태가 시간을 따라 전달되지 않습니다: 모든 시간 단계가 h0에서 다시 시작합니다. 각 시간 단계에 이전 시간 단계가 반환한 은닉 상태를 넣으세요.',
    'Off by one: hs[t] must be the state after step t (h_{t+1} counting h0 as h_0); you stored the state before it.':
        '인덱스가 하나 어긋났습니다: hs[t]는 시간 단계 t를 계산한 뒤의 은닉 상태여야 합니다(h0을 h_0으로 세면 h_{t+1}). 그런데 그 이전의 은닉 상태를 저장했습니다.',
    'Each step must read its own input xs[t]; yours reads xs[t - 1] (at t = 0 that is the last input, xs[-1]).':
        '각 시간 단계는 자기 입력 xs[t]를 읽어야 하는데, 작성한 코드는 xs[t - 1]을 읽습니다(t = 0에서는 마지막 입력 xs[-1]입니다).',
    'You returned the parameters unchanged; in the other convention z and 1 - z trade places, so the update gate must be turned around.':
        '매개변수를 바꾸지 않고 그대로 반환했습니다. 다른 규약에서는 z와 1 - z의 자리가 바뀌므로 갱신 게이트를 뒤집어야 합니다.',
    'You negated b_z only; σ(-a) = 1 - σ(a) needs the whole pre-activation negated: W_xz and W_hz as well.':
        'b_z의 부호만 바꿨습니다. σ(-a) = 1 - σ(a)를 이용하려면 활성화 전 값 전체의 부호를 바꿔야 하므로 W_xz와 W_hz의 부호도 바꾸세요.',
    'You negated W_xz and W_hz but not b_z: the whole pre-activation must change sign.':
        'W_xz와 W_hz의 부호는 바꿨지만 b_z는 바꾸지 않았습니다: 활성화 전 값 전체의 부호가 바뀌어야 합니다.',
    "You negated the reset gate's parameters as well; only the update gate changes.":
        '리셋 게이트의 매개변수까지 부호를 바꿨습니다. 바뀌는 것은 갱신 게이트뿐입니다.',
    "You replaced W by 1 - W; what must become 1 - z is the gate's value, and σ(-a) = 1 - σ(a) gets there by negating the pre-activation.":
        'W를 1 - W로 바꿨습니다. 1 - z가 되어야 하는 것은 게이트의 값이며, σ(-a) = 1 - σ(a)이므로 활성화 전 값의 부호를 바꾸면 그렇게 됩니다.',
    "You exchanged the reset and update gates' parameters; the conventions differ only in which way z points, so keep every gate where it is and negate z's.":
        '리셋 게이트와 갱신 게이트의 매개변수를 서로 바꿨습니다. 두 규약은 z가 가리키는 방향만 다르므로, 모든 게이트를 제자리에 두고 z의 매개변수만 부호를 바꾸세요.',
    'both conventions now give identical states':
        '이제 두 규약이 똑같은 은닉 상태를 냄',
    "The weights are not transposed: the slides' W_xr is (H, D) and multiplies a column, W_xr x_t; the course's is (D, H) and multiplies a row from the right, x_t W_xr. Use col['W_xr'].T and so on.":
        "가중치를 전치하지 않았습니다: 슬라이드의 W_xr은 (H, D) 형태로 열 벡터에 왼쪽에서 곱해지지만(W_xr x_t), 이 강좌의 W_xr은 (D, H) 형태로 행 벡터에 오른쪽에서 곱해집니다(x_t W_xr). col['W_xr'].T처럼 각각 전치해서 쓰세요.",
    "The candidate's bias is counted twice: the slides have one bias b_g; put it in b_xn and zeros in b_hn (in the course's form only their sum matters).":
        '후보 은닉 상태의 편향을 두 번 더했습니다: 슬라이드에는 편향 b_g 하나만 있습니다. b_g를 b_xn에 넣고 b_hn은 0으로 채우세요(이 강좌의 형태에서는 둘의 합만 중요합니다).',
    "The candidate's bias b_g is missing: put it in b_xn (and zeros in b_hn).":
        '후보 은닉 상태의 편향 b_g가 빠졌습니다: b_g를 b_xn에 넣으세요(b_hn은 0으로 채우세요).',
    "You flipped the update gate, but the slides' z already keeps the old state, h_t = z ⊙ h_{t-1} + (1 - z) g_t, exactly like the course's: copy it as it is.":
        '갱신 게이트를 뒤집었지만, 슬라이드의 z도 이 강좌와 똑같이 이미 이전 은닉 상태를 유지합니다(h_t = z ⊙ h_{t-1} + (1 - z) g_t): 그대로 옮기세요.',
    'W_xg and W_hg are exchanged: W_xg multiplies the input x_t, W_hg the reset state r ⊙ h_{t-1}.':
        'W_xg와 W_hg가 서로 바뀌었습니다: W_xg는 입력 x_t에, W_hg는 리셋된 은닉 상태 r ⊙ h_{t-1}에 곱해집니다.',
    'the same states as the column-vector GRU for 3 sizes':
        '크기 3가지에서 열 벡터 GRU와 같은 은닉 상태',
    'the fields look right but the states differ.':
        '필드는 맞아 보이지만 은닉 상태가 다릅니다.',
    'With r = 1 both forms reduce to tanh(x W_xn + b_xn + h W_hn + b_hn).':
        'r = 1이면 두 형태 모두 tanh(x W_xn + b_xn + h W_hn + b_hn)이 됩니다.',
    'With h_prev = 0 and b_hn = 0 the whole recurrent term is 0 in both forms, whatever r is.':
        'h_prev = 0이고 b_hn = 0이면 r이 무엇이든 두 형태 모두 순환 항 전체가 0입니다.',
    'With h_prev = 0, reset-before still adds b_hn in full, reset-after adds r ⊙ b_hn: they differ unless r = 1.':
        'h_prev = 0이어도 곱하기 전에 리셋하는 형태는 b_hn을 그대로 더하고, 곱한 뒤에 리셋하는 형태는 r ⊙ b_hn을 더합니다: r = 1이 아니면 둘은 다릅니다.',
    'With r = 0, reset-before keeps b_hn (only r ⊙ h_prev vanishes), reset-after multiplies b_hn by 0 too: they differ by b_hn.':
        'r = 0이면 곱하기 전에 리셋하는 형태는 b_hn을 유지하지만(r ⊙ h_prev만 사라집니다), 곱한 뒤에 리셋하는 형태는 b_hn에도 0을 곱합니다: 둘은 b_hn만큼 다릅니다.',
    'True or False':
        'True 또는 False',
    "b_xn + b_hn should add up to the slides' b_g":
        'b_xn + b_hn의 합이 슬라이드의 b_g와 같아야 합니다',
    '{n_SIZES} random cases of different N, D, H':
        'N, D, H가 서로 다른 무작위 사례 {n_SIZES}개',
    'gru_sequence returned only the last state; return all T states stacked, (T, N, H), e.g. np.stack(list_of_states).':
        'gru_sequence가 마지막 은닉 상태만 반환했습니다. T개의 은닉 상태를 모두 쌓아 (T, N, H) 형태로 반환하세요. 예: np.stack(list_of_states).',
    'gru_sequence returned a list; stack it into one array with np.stack.':
        'gru_sequence가 리스트를 반환했습니다. np.stack으로 쌓아 하나의 배열로 만드세요.',
    '{n_SIZES} random sequences of T={T} steps':
        '시간 단계 T={T}개짜리 무작위 시퀀스 {n_SIZES}개',
    '{case!r}: the two candidates agree (largest difference {max:.2g}). {why}':
        '{case!r}: 실제로 재 보면 두 후보 은닉 상태는 같습니다(최대 차이 {max:.2g}). {why}',
    '{case!r}: the two candidates differ (largest difference {max:.2g}). {why}':
        '{case!r}: 실제로 재 보면 두 후보 은닉 상태는 다릅니다(최대 차이 {max:.2g}). {why}',
    '{n_SAME_CANDIDATE_CASES} cases, each measured':
        '사례 {n_SAME_CANDIDATE_CASES}개, 모두 실제로 측정해 확인함',
    " It is the slides' shape: transpose it.":
        ' 슬라이드의 형태 그대로입니다: 전치하세요.',
    '{name} is wrong for D={D}, H={H}: {column_diagnosis}':
        '{name}의 결과가 D={D}, H={H}에서 틀렸습니다: {column_diagnosis}',
    'gru_sequence returned {value} states for T={T} inputs: leave out h0, so that hs[t] is the state after reading xs[t].':
        'gru_sequence가 입력 T={T}개에 대해 은닉 상태를 {value}개 반환했습니다: h0은 빼서 hs[t]가 xs[t]를 읽은 뒤의 은닉 상태가 되게 하세요.',
    '{name}: the states still differ (relative error {gap:.1e}).':
        '{name}: 은닉 상태가 아직 다릅니다(상대 오차 {gap:.1e}).',
    '{name} returned None: did you forget the `return` statement?':
        '{name}의 반환값이 None입니다: `return` 문을 빠뜨리지 않았습니까?',
    '{name} returned a {kind}; return a GRUParams(W_xr, W_hr, b_r, W_xz, W_hz, b_z, W_xn, W_hn, b_xn, b_hn).':
        '{name}의 반환값이 {kind} 객체입니다. GRUParams(W_xr, W_hr, b_r, W_xz, W_hz, b_z, W_xn, W_hn, b_xn, b_hn)를 반환하세요.',
    '{field} is not transposed':
        '{field}의 전치가 빠졌습니다',
    'the GRU step':
        'GRU 한 단계',
    'It calls your {helper}, which is wrong itself; fix that first: {failure}':
        '이 함수가 호출하는 {helper} 함수 자체가 틀렸습니다. 그것부터 고치세요: {failure}',
    "{name}: {field} has shape {shape}, the course's {field} is {shape2} for D={D}, H={H}.{hint}":
        '{name}: {field}의 형태가 {shape}입니다. D={D}, H={H}일 때 이 강좌에서 {field}의 형태는 {shape2}입니다.{hint}',
    '{name} is wrong for D={D}, H={H}. {hint}':
        '{name}의 결과가 D={D}, H={H}에서 틀렸습니다. {hint}',
    '{field} has the wrong sign':
        '{field}의 부호가 반대입니다',
    "{field} is not the slides' matching weight, transposed":
        '{field}의 값이 슬라이드의 대응하는 가중치를 전치한 것과 다릅니다',
    'the reset gate':
        '리셋 게이트',
    'the update gate':
        '갱신 게이트',
    'Your values lie between -1 and 1: that is tanh. The sigmoid is 1 / (1 + exp(-a)).':
        '값이 -1과 1 사이에 있습니다. 이것은 tanh입니다. 시그모이드는 1 / (1 + exp(-a))입니다.',
    'You computed σ(-a) = 1 / (1 + exp(a)) = exp(-a) / (1 + exp(-a)): σ must grow with a; mind the sign.':
        'σ(-a) = 1 / (1 + exp(a)) = exp(-a) / (1 + exp(-a))를 계산했습니다. σ는 a가 커질수록 커져야 합니다. 부호에 주의하세요.',
    'the shape of a':
        'a의 형태',
    'random values, and ±1000 without overflow':
        '무작위 값과 ±1000, 오버플로 없음',
    'random values of shape (3, 4)':
        '형태가 (3, 4)인 무작위 값',
    'You applied tanh; a gate uses the sigmoid σ, so that it lies between 0 and 1.':
        'tanh를 적용했습니다. 게이트는 값이 0과 1 사이에 있도록 시그모이드 σ를 사용합니다.',
    'The sigmoid is missing: you returned the pre-activation a; the gate is σ(a).':
        '시그모이드가 빠졌습니다. 활성화 전 값 a를 반환했습니다. 게이트는 σ(a)입니다.',
    'You returned 1 - z. The gate itself is z = σ(...); which of z and 1 - z multiplies h_prev is decided in gru_step.':
        '1 - z를 반환했습니다. 게이트 자체는 z = σ(...)입니다. z와 1 - z 중 어느 쪽을 h_prev에 곱할지는 gru_step에서 정합니다.',
    'r is not used: the reset gate decides how much of h_prev reaches the candidate.':
        'r을 사용하지 않았습니다. 리셋 게이트는 h_prev가 후보 은닉 상태에 얼마나 전달될지를 정합니다.',
    'You used 1 - r where r belongs: r near 0 should reset (drop) h_prev.':
        'r을 써야 할 자리에 1 - r을 썼습니다. r이 0에 가까우면 h_prev를 리셋해야(버려야) 합니다.',
    'The bias b_hn is missing (the candidate has two biases, b_xn and b_hn).':
        '편향 b_hn이 빠졌습니다(후보 은닉 상태에는 편향이 b_xn과 b_hn 두 개 있습니다).',
    'The bias b_xn is missing (the candidate has two biases, b_xn and b_hn).':
        '편향 b_xn이 빠졌습니다(후보 은닉 상태에는 편향이 b_xn과 b_hn 두 개 있습니다).',
    'Both biases, b_xn and b_hn, are missing.':
        '편향 b_xn과 b_hn이 둘 다 빠졌습니다.',
    'You applied the sigmoid; the candidate uses tanh, so that it lies between -1 and 1 like the state.':
        '시그모이드를 적용했습니다. 후보 은닉 상태는 은닉 상태처럼 값이 -1과 1 사이에 있도록 tanh를 사용합니다.',
    'tanh is missing: you returned the pre-activation.':
        'tanh가 빠졌습니다. 활성화 전 값을 반환했습니다.',
    'W_hn is used transposed. The course multiplies rows from the left: (r ⊙ h_prev) @ W_hn, shapes (N, H) @ (H, H).':
        'W_hn을 전치해서 사용했습니다. 이 강좌에서는 행 벡터를 왼쪽에 두고 곱합니다: (r ⊙ h_prev) @ W_hn, 형태는 (N, H) @ (H, H).',
    '{n} random cases, reset before the matrix product':
        '무작위 사례 {n}개, 리셋을 행렬 곱 앞에 적용',
    '{n} random cases, reset after the matrix product':
        '무작위 사례 {n}개, 리셋을 행렬 곱 뒤에 적용',
    'You applied the reset gate after the matrix product, r ⊙ (h_prev W_hn + b_hn): that is PyTorch\'s form (reset="after"). The lecture form resets first: (r ⊙ h_prev) W_hn.':
        '리셋 게이트를 행렬 곱 뒤에 적용했습니다: r ⊙ (h_prev W_hn + b_hn). 이것은 PyTorch의 형식(reset="after")입니다. 강의의 형식은 먼저 리셋합니다: (r ⊙ h_prev) W_hn.',
    'You reset before the matrix product, (r ⊙ h_prev) W_hn: that is the lecture form. PyTorch multiplies r by (h_prev W_hn + b_hn).':
        '행렬 곱 전에 리셋했습니다: (r ⊙ h_prev) W_hn. 이것은 강의의 형식입니다. PyTorch는 r에 (h_prev W_hn + b_hn)을 곱합니다.',
    'b_hn must be inside the product with r: PyTorch computes r ⊙ (h_prev W_hn + b_hn).':
        'b_hn은 r과 곱하는 괄호 안에 있어야 합니다. PyTorch는 r ⊙ (h_prev W_hn + b_hn)을 계산합니다.',
    'sigmoid(-40) = {tails_i:.3g}, but σ(-40) = 4.25e-18: your sigmoid loses its tail. Did you clip a (e.g. to [-30, 30])? Clipping is not needed: computing exp(-|a|) never overflows.':
        'sigmoid(-40) = {tails_i:.3g}인데, σ(-40) = 4.25e-18입니다. 작성한 sigmoid는 꼬리 부분을 잃습니다. a를 클리핑하지 않았나요(예: [-30, 30] 범위로)? 클리핑은 필요 없습니다. exp(-|a|)는 계산해도 오버플로되지 않습니다.',
    "You used {used}'s parameters (W_x{other}, W_h{other}, b_{other}); {own} has its own: W_x{g}, W_h{g}, b_{g}.":
        '{used}의 매개변수(W_x{other}, W_h{other}, b_{other})를 사용했습니다. {own}에는 자신의 매개변수가 따로 있습니다: W_x{g}, W_h{g}, b_{g}.',
    'The bias b_{g} is missing.':
        '편향 b_{g} 항이 빠졌습니다.',
    'The term h_prev @ W_h{g} is missing: the gate looks at the previous state as well as the input.':
        'h_prev @ W_h{g} 항이 빠졌습니다. 게이트는 입력뿐 아니라 이전 은닉 상태도 봅니다.',
    'The term x_t @ W_x{g} is missing: the gate looks at the input as well as the previous state.':
        'x_t @ W_x{g} 항이 빠졌습니다. 게이트는 이전 은닉 상태뿐 아니라 입력도 봅니다.',
    'W_h{g} is used transposed. The course multiplies rows from the left: h_prev @ W_h{g}, shapes (N, H) @ (H, H).':
        'W_h{g} 행렬을 전치해서 사용했습니다. 이 강좌에서는 행 벡터를 왼쪽에 두고 곱합니다: h_prev @ W_h{g}, 형태는 (N, H) @ (H, H).',
    "sigmoid warned '{message}' on {case}: exp(-a) overflows for a very negative a. Compute the exponential of -|a| only, e.g. e = np.exp(-np.abs(a)), then σ = 1/(1+e) where a >= 0 and e/(1+e) where a < 0 (np.where evaluates both branches everywhere, so both must be safe).":
        "{case}에서 sigmoid가 '{message}' 경고를 냈습니다. a가 매우 큰 음수이면 exp(-a)가 오버플로됩니다. -|a|의 지수만 계산하세요. 예를 들어 e = np.exp(-np.abs(a))를 구한 뒤, a >= 0인 곳에서는 σ = 1/(1+e), a < 0인 곳에서는 e/(1+e)로 계산합니다(np.where는 두 분기를 모든 위치에서 계산하므로 두 식 모두 안전해야 합니다).",
    'sigmoid returned NaN on {case} (inf / inf somewhere): use a form in which no exponential overflows, e.g. branch on the sign of a.':
        '{case}에서 sigmoid가 NaN을 반환했습니다(어딘가에서 inf / inf 발생). 어떤 지수도 오버플로되지 않는 식을 쓰세요. 예를 들어 a의 부호에 따라 나누어 계산하세요.',
    'the candidate':
        '후보 은닉 상태',
    'h_t interpolates the other way round: here z keeps the old state, h_t = z h_prev + (1 - z) n.':
        'h_t의 보간 방향이 반대입니다: 여기서는 z가 이전 은닉 상태를 유지하는 몫입니다. h_t = z h_prev + (1 - z) n.',
    "n applies r after the product (PyTorch's form); the lecture form is tanh(x W_xn + b_xn + (r h_prev) W_hn + b_hn).":
        'n에서 r을 곱셈 뒤에 적용했습니다(PyTorch의 형태). 강의의 형태는 tanh(x W_xn + b_xn + (r h_prev) W_hn + b_hn)입니다.',
    'n ignores the reset gate: the previous state enters the candidate as r h_prev, tanh(x W_xn + b_xn + (r h_prev) W_hn + b_hn).':
        'n에 리셋 게이트가 빠졌습니다: 이전 은닉 상태는 r h_prev의 꼴로 후보 은닉 상태에 들어갑니다. tanh(x W_xn + b_xn + (r h_prev) W_hn + b_hn).',
    "r and z are in each other's place: the tuple is (r, z, n, h_t), reset gate first.":
        'r과 z의 자리가 서로 바뀌었습니다: 튜플은 리셋 게이트가 먼저 오는 (r, z, n, h_t) 순서입니다.',
    "The candidate's biases b_xn and b_hn are missing.":
        '후보 은닉 상태의 편향 b_xn과 b_hn이 빠졌습니다.',
    "The candidate's bias b_hn is missing (it has two, b_xn and b_hn).":
        '후보 은닉 상태의 편향 b_hn이 빠졌습니다(편향은 b_xn과 b_hn 두 개입니다).',
    "The candidate's bias b_xn is missing (it has two, b_xn and b_hn).":
        '후보 은닉 상태의 편향 b_xn이 빠졌습니다(편향은 b_xn과 b_hn 두 개입니다).',
    'Your Γu keeps the memory; in this cell Γu weights the candidate: c_t = Γu c̃ + (1 - Γu) c_prev.':
        '작성한 Γu는 기억을 유지하는 쪽에 곱해졌습니다. 이 셀에서 Γu는 후보 은닉 상태에 곱해집니다: c_t = Γu c̃ + (1 - Γu) c_prev.',
    'The concatenation is in the wrong order: it is [c_prev, x_t], memory first, so the first H rows of W_c and W_u act on c_prev.':
        '이어 붙이는 순서가 틀렸습니다: 기억이 먼저 오는 [c_prev, x_t]이므로, W_c와 W_u의 처음 H개 행이 c_prev에 작용합니다.',
    'The candidate uses tanh and the gate uses σ; you exchanged them.':
        '후보 은닉 상태에는 tanh를, 게이트에는 σ를 씁니다. 둘을 서로 바꿔 썼습니다.',
    'The biases b_c and b_u are missing.':
        '편향 b_c와 b_u가 빠졌습니다.',
    "The candidate's bias b_c is missing.":
        '후보 은닉 상태의 편향 b_c가 빠졌습니다.',
    "The gate's bias b_u is missing.":
        '게이트의 편향 b_u가 빠졌습니다.',
    'The old memory is missing: c_t = Γu c̃ + (1 - Γu) c_prev; the second term is what keeps the memory when the gate is near 0.':
        '이전 기억이 빠졌습니다: c_t = Γu c̃ + (1 - Γu) c_prev. 게이트가 0에 가까울 때 기억을 유지해 주는 것이 바로 두 번째 항입니다.',
    '3 random cases':
        '무작위 사례 3개',
    'That is z itself, the value of the gate. The question asks for b_z, the number inside the sigmoid, z = σ(b_z): invert σ, b_z = log(z / (1 - z)).':
        '그것은 게이트의 값인 z 자체입니다. 문제에서 구하라는 것은 시그모이드 안에 들어가는 수 b_z입니다(z = σ(b_z)). σ의 역함수로 b_z = log(z / (1 - z))를 구하세요.',
    "The sign is the wrong way round: that b_z gives the gate 1 - z. Either the inverse of σ lost its sign (σ⁻¹(z) = log(z / (1 - z)) = -log(1/z - 1)), or you used the convention of deeplearning.ai's Γu. In the course's convention z keeps the old state, so a long memory needs z close to 1, a large positive b_z.":
        '부호가 반대입니다: 그 b_z로는 게이트 값이 1 - z가 됩니다. σ의 역함수에서 부호를 잃었거나(σ⁻¹(z) = log(z / (1 - z)) = -log(1/z - 1)), deeplearning.ai의 Γu 규약을 썼을 것입니다. 이 강좌의 규약에서는 z가 이전 은닉 상태를 유지하므로, 기억을 오래 유지하려면 z가 1에 가까워야 하고 b_z는 큰 양수여야 합니다.',
    'log(z) is not the inverse of the sigmoid; σ⁻¹(z) = log(z / (1 - z)).':
        'log(z)는 시그모이드의 역함수가 아닙니다. σ⁻¹(z) = log(z / (1 - z))입니다.',
    'The memory is multiplied by z at every step, so after k steps it keeps z^k, not 1 - k(1 - z): solve z^k = fraction, z = fraction^(1/k).':
        '기억에는 시간 단계마다 z가 곱해지므로, k 시간 단계 뒤에 남는 몫은 1 - k(1 - z)가 아니라 z^k입니다: z^k = fraction을 풀면 z = fraction^(1/k)입니다.',
    'You raised to the power k: z^k = fraction means z = fraction^(1/k), the k-th root.':
        'k제곱을 했습니다: z^k = fraction이면 z = fraction^(1/k), 즉 k제곱근입니다.',
    'That b_z keeps `fraction` after one step; over `steps` steps the factors multiply, z^steps = fraction.':
        '그 b_z로는 한 시간 단계 뒤에 `fraction`이 남습니다. `steps` 시간 단계 동안에는 인수가 계속 곱해지므로 z^steps = fraction이어야 합니다.',
    "Your update gate is at 1, which in the course's convention keeps the old state: h_t = h_{t-1}, the opposite of forgetting. z = 0 takes the candidate: h_t = n_t; make b_z very negative.":
        '갱신 게이트가 1이 되었는데, 이 강좌의 규약에서 이것은 이전 은닉 상태를 그대로 유지한다는 뜻입니다: h_t = h_{t-1}, 잊기와 정반대입니다. 후보 은닉 상태를 그대로 받는 것은 z = 0일 때입니다: h_t = n_t. b_z를 아주 큰 음수로 만드세요.',
    'h_t = n_t now (z = 0), but the candidate still sees h_{t-1} through (r ⊙ h_{t-1}) W_hn: close the reset gate too (b_r very negative).':
        '이제 h_t = n_t이지만(z = 0), 후보 은닉 상태가 아직 (r ⊙ h_{t-1}) W_hn을 통해 h_{t-1}을 봅니다: 리셋 게이트도 닫으세요(b_r을 아주 큰 음수로).',
    'h_t = n_t now (z = 0), but your reset gate is open (r = 1), so the candidate still sees h_{t-1} through (r ⊙ h_{t-1}) W_hn: r must be 0, b_r very negative.':
        '이제 h_t = n_t이지만(z = 0), 리셋 게이트가 열려 있어서(r = 1) 후보 은닉 상태가 아직 (r ⊙ h_{t-1}) W_hn을 통해 h_{t-1}을 봅니다: r은 0이어야 하므로 b_r을 아주 큰 음수로 만드세요.',
    'The candidate ignores the past now (r = 0), but h_t = z ⊙ h_{t-1} + (1 - z) ⊙ n_t still keeps part of h_{t-1} unless z = 0: make b_z very negative too.':
        '이제 후보 은닉 상태는 과거를 무시하지만(r = 0), z = 0이 아니면 h_t = z ⊙ h_{t-1} + (1 - z) ⊙ n_t에는 여전히 h_{t-1}의 일부가 남습니다: b_z도 아주 큰 음수로 만드세요.',
    'both gates are close to 0 but not close enough':
        '두 게이트 모두 0에 가깝지만 충분히 가깝지는 않습니다',
    'You counted one bias vector per weight block; PyTorch keeps two, b_ih and b_hh (only their sum matters, but both are parameters).':
        '가중치 블록마다 편향 벡터를 하나씩 셌습니다. PyTorch는 b_ih와 b_hh 두 개를 둡니다(결과에는 둘의 합만 영향을 주지만, 둘 다 매개변수입니다).',
    'The biases are missing: each gate has H + H of them in PyTorch (b_ih and b_hh).':
        '편향이 빠졌습니다: PyTorch에서는 게이트마다 편향이 H + H개 있습니다(b_ih와 b_hh).',
    'The recurrent weights are missing: each gate also has an (H, H) matrix acting on h_{t-1}.':
        '순환 가중치가 빠졌습니다: 게이트마다 h_{t-1}에 작용하는 (H, H) 행렬도 하나씩 있습니다.',
    'The input weights are missing: each gate also has a (D, H) matrix acting on x_t.':
        '입력 가중치가 빠졌습니다: 게이트마다 x_t에 작용하는 (D, H) 행렬도 하나씩 있습니다.',
    'step_by_hand is None: replace None with your four numbers, step_by_hand = (r, z, n, h_t).':
        'step_by_hand가 None입니다: None을 직접 계산한 네 수로 바꾸세요. step_by_hand = (r, z, n, h_t).',
    'r, z, n and h_t to 3 decimals':
        'r, z, n, h_t 모두 소수점 셋째 자리까지 맞음',
    'step_by_hand agrees to 2 decimals but not to 3: give each number with 3 decimals (round at the end, not in between).':
        'step_by_hand가 소수점 둘째 자리까지는 맞지만 셋째 자리에서 틀립니다: 각 수를 소수점 셋째 자리까지 적으세요(반올림은 중간에 하지 말고 마지막에 한 번만 하세요).',
    "That is the count of the course's GRUParams, which merges the two biases of r and z (3H(D+H) + 4H); PyTorch keeps two bias vectors for every gate.":
        '그것은 r과 z의 편향을 각각 두 개에서 하나로 합친 이 강좌의 GRUParams의 개수입니다(3H(D+H) + 4H). PyTorch는 모든 게이트에 편향 벡터를 두 개씩 둡니다.',
    "That is the LSTM's count (4 weight blocks: i, f, g, o); the GRU has 3: the gates r, z and the candidate n.":
        '그것은 LSTM의 개수입니다(가중치 블록 4개: i, f, g, o). GRU에는 3개가 있습니다: 게이트 r, z와 후보 은닉 상태 n.',
    'That counts 2 weight blocks, one per gate; the candidate n has its own block too, so the GRU has 3.':
        '게이트마다 하나씩, 가중치 블록을 2개만 셌습니다. 후보 은닉 상태 n에도 자기 블록이 있으므로 GRU에는 3개가 있습니다.',
    "That is the GRU's count (3 weight blocks); the LSTM has 4: the gates i, f, o and the candidate g.":
        '그것은 GRU의 개수입니다(가중치 블록 3개). LSTM에는 4개가 있습니다: 게이트 i, f, o와 후보 셀 상태 g.',
    "equal to PyTorch's count for {n_SHAPES} sizes":
        '크기 {n_SHAPES}가지 모두에서 PyTorch의 개수와 같음',
    'step_by_hand: {items} are wrong (the first wrong one is {name} = {value:.4f}); each later value is computed from the earlier ones, so fix the first wrong one first.':
        'step_by_hand: {items} 값이 틀렸습니다(처음 틀린 값은 {name} = {value:.4f}입니다). 뒤의 값은 앞의 값으로 계산하므로, 처음 틀린 값부터 고치세요.',
    'σ(b_z)^steps = fraction in {n_KEEP_BIAS_CASES} cases':
        '사례 {n_KEEP_BIAS_CASES}개 모두에서 σ(b_z)^steps = fraction',
    ' The gates multiply differences of order 1 in h_(t-1), so they must be far below 1e-6: push {items} lower (σ(-20) = 2e-9).':
        ' 게이트 값은 h_(t-1)에서 크기가 1 정도인 차이에 곱해지므로 1e-6보다 훨씬 작아야 합니다: {items} 값을 더 낮추세요(σ(-20) = 2e-9).',
    '{name}: h_t still changes by up to {gap:.2g} when only h_(t-1) changes (allowed: 1e-6): {hint}.{push}':
        '{name}: h_(t-1)만 바꿔도 h_t가 아직 최대 {gap:.2g}만큼 바뀝니다(허용치: 1e-6): {hint}.{push}',
    '{n} values':
        '값 {n}개',
    'step_by_hand must be a tuple of the four numbers (r, z, n, h_t), in that order; you gave {got}.':
        'step_by_hand는 네 수 (r, z, n, h_t)를 이 순서대로 담은 튜플이어야 합니다. 입력한 것: {got}.',
    'step_by_hand: {name} is wrong ({name} = {value:.4f}).':
        'step_by_hand: {name} 값이 틀렸습니다({name} = {value:.4f}).',
    '{name}({f}, {k}) = {out:.4g}: then z = σ(b_z) = {sigmoid:.6g}, and after {k} steps the unit keeps z^{k} = {kept:.4g} of its value, not {f}.':
        '{name}({f}, {k}) = {out:.4g}: 그러면 z = σ(b_z) = {sigmoid:.6g}이고, {k} 시간 단계 뒤 유닛에 남는 값의 몫은 z^{k} = {kept:.4g}입니다. 남아야 하는 몫은 {f}입니다.',
    '{name} returned a {out_type}; return a GRUParams: the one you were given with p._replace(b_r=..., b_z=...).':
        '{name}의 반환값이 {out_type} 객체입니다. GRUParams를 반환하세요: 받은 p에 p._replace(b_r=..., b_z=...)를 적용한 것입니다.',
    "{name}: b_r and b_z must be finite numbers: the course's GRU refuses non-finite parameters. A large negative number such as -30 does the job.":
        '{name}: b_r과 b_z는 유한한 수여야 합니다: 이 강좌의 GRU는 유한하지 않은 매개변수를 받지 않습니다. -30 같은 큰 음수면 충분합니다.',
    '{name}: the field(s) {items} changed shape; b_r and b_z are ({H},), one bias per unit (np.full({H}, value)).':
        '{name}: 필드 {items}의 형태가 바뀌었습니다. b_r과 b_z는 유닛마다 편향이 하나씩인 ({H},) 형태입니다(np.full({H}, value)).',
    '{name} changed {items}; change only the biases b_r and b_z. (Weights cannot do it alone: z ⊙ h_(t-1) keeps the past unless z = 0, and z = σ(x W_xz + h W_hz + b_z) is 0 for every input only with a very negative bias.)':
        '{name}에서 바뀐 필드: {items}. 편향 b_r과 b_z만 바꾸세요. (가중치만으로는 할 수 없습니다: z = 0이 아니면 z ⊙ h_(t-1)이 과거를 유지하는데, z = σ(x W_xz + h W_hz + b_z)가 모든 입력에서 0이 되려면 편향이 아주 큰 음수여야 합니다.)',
    'two different h_(t-1) give h_t within {gap:.0e}':
        '서로 다른 두 h_(t-1)에서 h_t의 차이가 {gap:.0e} 이내',
    "z is {z:.2g} on average, so z ⊙ h_(t-1) keeps that share of the past (in the course's convention z keeps, z = 0 forgets): make b_z very negative":
        'z의 평균이 {z:.2g}이므로 z ⊙ h_(t-1)이 과거를 그만큼 유지합니다(이 강좌의 규약에서 z는 유지하는 몫이며, z = 0이면 잊습니다): b_z를 아주 큰 음수로 만드세요',
    'r is {r:.2g} on average, so the candidate still sees h_(t-1) through (r ⊙ h_(t-1)) W_hn: make b_r very negative':
        'r의 평균이 {r:.2g}이므로 후보 은닉 상태가 아직 (r ⊙ h_(t-1)) W_hn을 통해 h_(t-1)을 봅니다: b_r을 아주 큰 음수로 만드세요',
    '{name}({D}, {H}) returned {out!r}; return the count as an int.':
        '{name}({D}, {H})의 반환값이 {out!r}입니다. 개수를 int로 반환하세요.',
    '{name}({D}, {H}) = {out}, but torch.nn.{upper}({D}, {H}) has {expected} parameters.':
        '{name}({D}, {H}) = {out}이지만 torch.nn.{upper}({D}, {H})의 매개변수는 {expected}개입니다.',
    'step_by_hand holds something that is not a number: {step_by_hand!r}':
        'step_by_hand에 수가 아닌 것이 들어 있습니다: {step_by_hand!r}',
    'step_by_hand is wrong. {hint}':
        'step_by_hand가 틀렸습니다. {hint}',
    '{name}({f}, {k}) returned a {out_type}; return one number, the bias b_z.':
        '{name}({f}, {k})의 반환값이 {out_type} 객체입니다. 편향 b_z 하나를 수로 반환하세요.',
    '{name}({f}, {k}) returned {out}; b_z must be a finite number.':
        '{name}({f}, {k})의 반환값이 {out}입니다. b_z는 유한한 수여야 합니다.',
    '{name}: h_t still changes by up to {gap:.2g} when only h_(t-1) changes. {hint}':
        '{name}: h_(t-1)만 바꿔도 h_t가 아직 최대 {gap:.2g}만큼 바뀝니다. {hint}',
    'z is {z:.2g} on average, so z ⊙ h_(t-1) still keeps a little of the past':
        'z의 평균이 {z:.2g}이므로 z ⊙ h_(t-1)이 아직 과거를 조금 유지합니다',
    'r is {r:.2g} on average, so the candidate still sees a little of h_(t-1)':
        'r의 평균이 {r:.2g}이므로 후보 은닉 상태가 아직 h_(t-1)을 조금 봅니다',
    '{name}({D}, {H}) = {out}, but torch.nn.{upper}({D}, {H}) has {expected}. {hint}':
        '{name}({D}, {H}) = {out}이지만 torch.nn.{upper}({D}, {H})의 매개변수는 {expected}개입니다. {hint}',
    'Sentence A: an accuracy far below 0.5 is not guessing (that would be 0.5): without the unit the model answers most long sentences with a singular subject in the plural, and the singular nouns in between do not save it.':
        '문장 A: 0.5보다 훨씬 낮은 정확도는 무작위 추측이 아닙니다(추측이라면 0.5입니다). 이 유닛이 없으면 모델은 주어가 단수인 긴 문장 대부분에 복수형으로 답하며, 중간에 있는 단수 명사들도 이를 막지 못합니다.',
    'Sentence B has a plural subject. The rule required every long set with a plural subject (distance 14) to stay at 0.9 or above without this unit, whatever the nouns in between: without the singular unit, a plural subject is still read as plural, here too.':
        '문장 B의 주어는 복수입니다. 규칙은 이 유닛이 없어도 주어가 복수인 long 세트(거리 14)가 중간 명사와 상관없이 모두 0.9 이상을 유지할 것을 요구했습니다. 단수 유닛이 없어도 복수 주어는 여전히 복수로 읽히며, 이 문장에서도 마찬가지입니다.',
    "predicted_failures is None: write your prediction as a set of test set names, e.g. {'simple/S', 'long/P0'}.":
        "predicted_failures가 None입니다. 예측을 테스트 세트 이름의 집합으로 적으세요. 예: {'simple/S', 'long/P0'}.",
    'The rule only accepts a unit if both simple sets stay at 0.9 or above without it.':
        '규칙은 그 유닛이 없어도 simple 세트 두 개가 모두 0.9 이상을 유지할 때만 그 유닛을 받아들입니다.',
    'The rule only accepts a plural unit if every long set with a singular subject stays at 0.9 or above without it.':
        '규칙은 그 유닛이 없어도 주어가 단수인 long 세트가 모두 0.9 이상을 유지할 때만 그 유닛을 복수 유닛으로 받아들입니다.',
    "The rule chose this unit because the mean of the four long sets with a plural subject falls to 0.75 or below without it; in the lecture's GRU the strongest candidates took each of those sets to about 0.":
        '규칙이 이 유닛을 고른 것은 이 유닛이 없으면 주어가 복수인 long 세트 네 개의 평균이 0.75 이하로 떨어지기 때문입니다. 강의의 GRU에서는 가장 강한 후보 유닛들이 이 세트들을 각각 0 가까이로 떨어뜨렸습니다.',
    'The distance sets mix singular and plural subjects, roughly half and half: work out what their accuracy is when most of the plural half fails and the singular half is right; a set with half its sentences wrong cannot stay at 0.9.':
        'distance 세트에는 주어가 단수인 문장과 복수인 문장이 대략 반반 섞여 있습니다. 복수 쪽 절반은 대부분 틀리고 단수 쪽 절반은 맞을 때 정확도가 얼마가 될지 계산해 보세요. 문장의 절반이 틀리는 세트는 0.9를 유지할 수 없습니다.',
    "predicted_failures must be a set of names such as {{'simple/S', 'long/P0'}}, got {predicted_failures!r}.":
        "predicted_failures는 {{'simple/S', 'long/P0'}} 같은 이름의 집합이어야 합니다. 현재 값: {predicted_failures!r}.",
    '{sorted} are not among the options: {OPTIONS}.':
        '다음 이름은 선택지에 없습니다: {sorted}. 선택지: {OPTIONS}.',
    '✓ predicted_failures is correct: measured with the plural unit ablated: {shown}.':
        '✓ predicted_failures가 맞습니다. 복수 유닛을 제거하고 측정한 정확도: {shown}.',
    'Not quite: you named {n_value} of the failing sets, {n_extra} that do not fail, and missed {n_missing}. ':
        '조금 다릅니다. 실제로 틀리는 세트 중 {n_value}개를 골랐고, 틀리지 않는 세트 {n_extra}개를 더 골랐으며, 틀리는 세트 {n_missing}개를 빠뜨렸습니다. ',
    'ablated_verbs is None: write your prediction as a pair, e.g. ({forms_i!r}, {forms_i2!r}).':
        'ablated_verbs가 None입니다. 예측을 쌍으로 적으세요. 예: ({forms_i!r}, {forms_i2!r}).',
    'ablated_verbs must be a pair of forms, one per sentence (A, then B), e.g. ({forms_i!r}, {forms_i2!r}); got {answer!r}.':
        'ablated_verbs는 문장마다 하나씩(A, 그다음 B) 동사형 두 개로 이루어진 쌍이어야 합니다. 예: ({forms_i!r}, {forms_i2!r}). 현재 값: {answer!r}.',
    'each form must be one of {forms}, got {bad_i!r}.':
        '각 동사형은 {forms} 중 하나여야 합니다. 받은 값: {bad_i!r}.',
    '✓ ablated_verbs is correct: ':
        '✓ ablated_verbs가 맞습니다: ',
    'Not what the model does: ':
        '모델의 실제 동작과 다릅니다: ',
    'sentence {value_i} gets {measured_i_i!r} ({details_i}).':
        '문장 {value_i}에서 모델이 고르는 동사형은 {measured_i_i!r}입니다({details_i}).',
    "With z = 0 your h_t is the right candidate and with z = 1 the right h_prev, so the update gate's value is wrong: z = σ(x_t W_xz + h_prev W_hz + b_z).":
        'z = 0일 때 h_t는 올바른 후보 은닉 상태이고 z = 1일 때는 올바른 h_prev이므로, 틀린 것은 갱신 게이트의 값입니다: z = σ(x_t W_xz + h_prev W_hz + b_z).',
    "With the update gate's weights at 0 and its bias at +60, z should be 1 and h_t exactly h_prev; yours is not: either your z is not σ(x_t W_xz + h_prev W_hz + b_z) (is b_z in it? is it a sigmoid?) or the final mix h_t = z ⊙ h_prev + (1 - z) ⊙ n is wrong.":
        '갱신 게이트의 가중치를 0, 편향을 +60으로 두면 z는 1이 되고 h_t는 정확히 h_prev여야 하는데, 작성한 코드는 그렇지 않습니다: z가 σ(x_t W_xz + h_prev W_hz + b_z)가 아니거나(b_z가 들어 있습니까? 시그모이드를 썼습니까?), 마지막 혼합 h_t = z ⊙ h_prev + (1 - z) ⊙ n이 틀렸습니다.',
    "The candidate's biases are wrong: with x_t = 0, z = 0 and W_hn = 0, h_t must be tanh(b_xn + b_hn).":
        '후보 은닉 상태의 편향이 틀렸습니다: x_t = 0, z = 0, W_hn = 0이면 h_t는 tanh(b_xn + b_hn)이어야 합니다.',
    "With h_prev = 0 your candidate should be tanh(x_t W_xn + b_xn + b_hn) and is not: in the lecture form r acts on h_prev only, not on x_t W_xn, b_xn or b_hn (only PyTorch's form multiplies b_hn by r).":
        'h_prev = 0이면 후보 은닉 상태가 tanh(x_t W_xn + b_xn + b_hn)이어야 하는데 그렇지 않습니다: 강의의 형태에서 r은 h_prev에만 작용하고 x_t W_xn, b_xn, b_hn에는 작용하지 않습니다(b_hn에 r을 곱하는 것은 PyTorch의 형태뿐입니다).',
    'Even with r = 1 your candidate is wrong, so the problem is not the reset gate: check the products with W_xn and W_hn and the two biases.':
        'r = 1이어도 후보 은닉 상태가 틀리므로 문제는 리셋 게이트가 아닙니다: W_xn, W_hn과의 곱과 두 편향을 확인하세요.',
    'With r = 1 your candidate is right, so the reset gate is applied wrongly: ':
        'r = 1이면 후보 은닉 상태가 맞으므로, 리셋 게이트를 잘못 적용한 것입니다. 올바른 형태: ',
    'reset gate':
        '리셋 게이트',
    'update gate':
        '갱신 게이트',
    'Probing {name} one input at a time: {findings}.':
        '{name}의 입력을 하나씩 바꿔 가며 살펴본 결과: {findings}.',
    "The candidate's recurrent term (r ⊙ h_prev) W_hn is wrong, also with the reset gate's weights at 0 and its bias at +60 (r should then be 1): check that your r is σ(x_t W_xr + h_prev W_hr + b_r), that it, not z or 1 - r, multiplies h_prev, and that the weight is W_hn, not transposed, not another gate's.":
        '후보 은닉 상태의 순환 항 (r ⊙ h_prev) W_hn이 틀렸고, 리셋 게이트의 가중치를 0, 편향을 +60으로 두어도(이때 r은 1이어야 합니다) 틀립니다: r이 σ(x_t W_xr + h_prev W_hr + b_r)인지, h_prev에 곱하는 것이 z나 1 - r이 아니라 r인지, 가중치가 전치되지도 않고 다른 게이트의 것도 아닌 W_hn인지 확인하세요.',
    "The candidate's input term x_t W_xn is wrong (with x_t = 0 it is right): is something other than x_t @ W_xn there, or r applied to it?":
        '후보 은닉 상태의 입력 항 x_t W_xn이 틀렸습니다(x_t = 0이면 맞습니다): 그 자리에 x_t @ W_xn이 아닌 다른 것이 있거나, 거기에 r을 적용하지 않았습니까?',
    "With the update gate's weights at 0 and its bias at -60, z should be 0 and h_t the candidate; yours behaves as if z were {z_seen:.2g}: is your z σ(x_t W_xz + h_prev W_hz + b_z) (is b_z in it? is it a sigmoid?)":
        '갱신 게이트의 가중치를 0, 편향을 -60으로 두면 z는 0이 되고 h_t는 후보 은닉 상태여야 하는데, 작성한 코드는 z가 {z_seen:.2g}인 것처럼 동작합니다: z가 σ(x_t W_xz + h_prev W_hz + b_z)인지 확인하세요(b_z가 들어 있습니까? 시그모이드를 썼습니까?)',
    "The candidate's recurrent term is wrong, and right when the reset gate is forced to 1: what multiplies h_prev before W_hn must be the reset gate r.":
        '후보 은닉 상태의 순환 항이 틀렸는데, 리셋 게이트를 1로 고정하면 맞습니다: W_hn을 곱하기 전에 h_prev에 곱하는 것은 리셋 게이트 r이어야 합니다.',
    'it changes with {items}, which {what} does not use':
        '{what}의 식에는 없는 {items}의 값에 따라 결과가 달라집니다',
    'it does not change with {items}, which {what} uses':
        '{what}의 식에 들어 있는 {items}의 값을 바꿔도 결과가 그대로입니다',
    'it never uses the {label} ({items}): is something else where {gate} belongs?':
        '{label}({items})를 전혀 쓰지 않습니다: {gate} 자리에 다른 것이 들어가 있지 않습니까?',
    "The gate blocks are in the order z, r, n (Keras' order); torch.nn.GRU stacks them r, z, n.":
        '게이트 블록이 z, r, n 순서(Keras의 순서)로 되어 있습니다. torch.nn.GRU는 블록을 r, z, n 순서로 쌓습니다.',
    "The weights are not transposed (reshape is not a transpose either): torch stores weight_ih_l0 as (3H, D), one (H, D) block per gate, while the course's W_x* are (D, H): use W_xr.T and so on.":
        '가중치를 전치하지 않았습니다(reshape도 전치가 아닙니다). torch는 weight_ih_l0을 (3H, D) 형태, 즉 게이트마다 (H, D) 블록 하나씩으로 저장하지만, 이 강좌의 W_x*는 (D, H) 형태입니다. W_xr.T처럼 전치해서 넣으세요.',
    'b_hn belongs in bias_hh: torch multiplies the n block of bias_hh by r (reset after), so putting b_hn into bias_ih changes the result.':
        'b_hn은 bias_hh에 들어가야 합니다. torch는 bias_hh의 n 블록에 r을 곱하므로(행렬 곱 뒤 리셋), b_hn을 bias_ih에 넣으면 결과가 달라집니다.',
    "b_xn and b_hn are exchanged: b_xn goes into bias_ih's n block, b_hn into bias_hh's.":
        'b_xn과 b_hn이 서로 바뀌었습니다. b_xn은 bias_ih의 n 블록에, b_hn은 bias_hh의 n 블록에 넣어야 합니다.',
    'The biases are missing: copy b_r, b_z, b_xn into bias_ih_l0 and b_hn into the n block of bias_hh_l0.':
        '편향이 빠졌습니다. b_r, b_z, b_xn은 bias_ih_l0에, b_hn은 bias_hh_l0의 n 블록에 복사하세요.',
    'b_r and b_z are counted twice: torch adds bias_ih and bias_hh, so put them in one of the two (bias_ih) and zeros in the other.':
        'b_r과 b_z가 두 번 더해졌습니다. torch는 bias_ih와 bias_hh를 더하므로, 두 편향은 한쪽(bias_ih)에만 넣고 다른 쪽에는 0을 넣으세요.',
    'The gate blocks are in the order n, r, z; torch.nn.GRU stacks them r, z, n.':
        '게이트 블록이 n, r, z 순서로 되어 있습니다. torch.nn.GRU는 블록을 r, z, n 순서로 쌓습니다.',
    "The input weights are transposed but the recurrent ones are not: W_hr, W_hz, W_hn are (H, H) in the course's x W form, so weight_hh_l0 needs W_hr.T and so on too.":
        '입력 가중치는 전치했지만 순환 가중치는 전치하지 않았습니다. W_hr, W_hz, W_hn은 이 강좌의 x W 형식에 맞춘 (H, H) 행렬이므로, weight_hh_l0에도 W_hr.T처럼 전치한 블록을 넣어야 합니다.',
    'Every block holds the right numbers: did you change the layer after filling it?':
        '모든 블록의 값은 맞습니다. 값을 채운 뒤에 층을 다시 바꾸지 않았나요?',
    'torch.nn.GRU equals the numpy GRU (reset after) on 3 sizes':
        '세 가지 크기에서 torch.nn.GRU가 numpy GRU(행렬 곱 뒤 리셋)와 일치',
    "output[-1] is the last time step of the padded tensor: for every sentence shorter than the longest it is padding (zeros). Take the forward half at each sentence's own last word, t = length - 1.":
        'output[-1]은 패딩된 텐서의 마지막 시간 단계입니다. 가장 긴 문장보다 짧은 문장에서는 이 위치가 패딩(0)입니다. 순방향 절반은 각 문장 자신의 마지막 단어 위치인 t = length - 1에서 가져오세요.',
    'The backward half is taken at the last word, but the backward direction reads the sentence from its end to its start: its final state is at t = 0.':
        '역방향 절반을 마지막 단어 위치에서 가져왔습니다. 하지만 역방향은 문장을 끝에서 처음으로 읽으므로, 역방향의 최종 상태는 t = 0에 있습니다.',
    "The forward half is padding (zeros) for the shorter sentences: it is taken past each sentence's end, at the last time step of the padded tensor or at t = length. The forward direction ends at the last word, t = length - 1 (counting from 0).":
        '짧은 문장에서 순방향 절반이 패딩(0)입니다. 각 문장의 끝을 지난 위치, 곧 패딩된 텐서의 마지막 시간 단계나 t = length에서 가져왔습니다. 순방향은 마지막 단어인 t = length - 1(0부터 셀 때)에서 끝납니다.',
    'The forward half is taken at t = 0, where it has read one word; it ends at t = length - 1.':
        '순방향 절반을 t = 0에서 가져왔는데, 이 위치에서는 단어를 하나만 읽은 상태입니다. 순방향은 t = length - 1에서 끝납니다.',
    'The halves are in the wrong order: forward first (output[..., :H]), then backward (output[..., H:]).':
        '두 절반의 순서가 잘못되었습니다. 순방향(output[..., :H])이 먼저, 역방향(output[..., H:])이 그다음입니다.',
    'Off by one: the last word of a sentence of length k is at t = k - 1 (counting from 0), not at t = k - 2.':
        '위치가 하나 어긋났습니다. 길이가 k인 문장의 마지막 단어는 t = k - 2가 아니라 t = k - 1(0부터 셀 때)에 있습니다.',
    'batches of different lengths: forward at the last word, backward at the first':
        '문장 길이가 제각각인 배치: 순방향은 마지막 단어에서, 역방향은 첫 단어에서',
    "The scores are not shifted: logits[t] is the model's guess for the word at t + 1, so compare logits[:-1] with ids[1:].":
        '점수를 한 칸 밀지 않았습니다. logits[t]는 t + 1 위치의 단어에 대한 모델의 예측이므로 logits[:-1]을 ids[1:]과 비교하세요.',
    'The scores are not shifted (word 0 is skipped, but each word is scored by the output at its own position): logits[t] is the guess for ids[t + 1], so compare logits[:-1] with ids[1:].':
        '점수를 한 칸 밀지 않았습니다(단어 0은 건너뛰었지만, 각 단어를 그 단어 자신의 위치에서 나온 출력으로 평가했습니다). logits[t]는 ids[t + 1]에 대한 예측이므로 logits[:-1]을 ids[1:]과 비교하세요.',
    'The shift goes the wrong way: logits[t] scores the *next* word, ids[t + 1]; pair logits[:-1] with ids[1:], not logits[1:] with ids[:-1].':
        '미는 방향이 반대입니다. logits[t]는 *다음* 단어 ids[t + 1]을 평가합니다. logits[1:]과 ids[:-1]이 아니라 logits[:-1]과 ids[1:]을 짝지으세요.',
    'Padding is counted: leave out every position whose target is 0 (<pad>), e.g. multiply by the mask ids[1:] != 0 before summing over time.':
        '패딩까지 계산에 넣었습니다. 목표 단어가 0(<pad>)인 위치는 모두 빼세요. 예를 들어 시간 축으로 합하기 전에 마스크 ids[1:] != 0을 곱하면 됩니다.',
    "That is the mean over each sentence's words; the exercise asks for the sum, the negative log-probability of the whole sentence.":
        '이것은 각 문장의 단어에 대한 평균입니다. 연습 문제에서 묻는 것은 합, 즉 문장 전체의 음의 로그 확률입니다.',
    'Probabilities, not log-probabilities: use logits.log_softmax(-1) (the log of a product of probabilities is a sum of logs).':
        '로그 확률이 아니라 확률을 썼습니다. logits.log_softmax(-1)를 사용하세요(확률의 곱의 로그는 로그의 합입니다).',
    'The sign is flipped: a log-probability is negative or zero, and the negative log-likelihood is minus their sum, a positive number.':
        '부호가 반대입니다. 로그 확률은 0 이하이고, 음의 로그 가능도는 그 합에 마이너스를 붙인 양수입니다.',
    'These are raw logits: turn them into log-probabilities with logits.log_softmax(-1) first (a logit is not a probability until it is normalised over the vocabulary).':
        '정규화하지 않은 로짓을 그대로 썼습니다. 먼저 logits.log_softmax(-1)로 로그 확률로 바꾸세요(로짓은 어휘 사전 전체에 대해 정규화해야 확률이 됩니다).',
    'The mask is taken from the inputs ids[:-1] instead of the targets ids[1:]: it keeps the position whose *next* word is padding. Mask with ids[1:] != 0.':
        '마스크를 목표 ids[1:]이 아니라 입력 ids[:-1]에서 만들었습니다. 그러면 *다음* 단어가 패딩인 위치가 남습니다. ids[1:] != 0으로 마스크를 만드세요.',
    'three batches with padding: shifted, masked, summed per sentence':
        '패딩이 있는 배치 세 개: 한 칸 밀기, 마스킹, 문장별 합',
    'the n block of bias_ih_l0 should be b_xn':
        'bias_ih_l0의 n 블록은 b_xn이어야 합니다',
    'the n block of bias_hh_l0 should be b_hn (torch multiplies it by r)':
        'bias_hh_l0의 n 블록은 b_hn이어야 합니다(torch는 여기에 r을 곱합니다)',
    "Reading your GRU's tensors block by block (r, z, n): ":
        'GRU의 텐서를 블록별로(r, z, n) 읽어 보면: ',
    '{n_lengths} sentences of lengths {lengths}, H={H}':
        '길이가 {lengths}인 문장 {n_lengths}개, H={H}',
    '{N} sentences of lengths {lengths}':
        '길이가 {lengths}인 문장 {N}개',
    " One number for the whole batch: keep one value per sentence (sum over time, axis 0, not over everything; with cross_entropy use reduction='none').":
        " 배치 전체에 숫자 하나만 반환했습니다. 문장마다 값을 하나씩 남기세요(전체가 아니라 시간 축인 axis 0으로만 합하세요. cross_entropy를 쓴다면 reduction='none'을 지정하세요).",
    "{name} is wrong on {case}: the GRU's outputs differ from gru_forward(..., reset='after') by {rel_error:.1e}. {wrong_blocks}":
        "{name}의 결과가 {case}에서 틀렸습니다. GRU의 출력이 gru_forward(..., reset='after')와 상대 오차 {rel_error:.1e}만큼 다릅니다. {wrong_blocks}",
    "{name} is wrong on {case}: it is not [forward state at each sentence's last word, backward state at its first word].":
        '{name}의 결과가 {case}에서 틀렸습니다. [각 문장의 마지막 단어에서의 순방향 상태, 첫 단어에서의 역방향 상태]가 아닙니다.',
    '{name} is wrong on {case}: {out}, expected {expected}.':
        '{name}의 결과가 {case}에서 틀렸습니다. 반환값: {out}, 기댓값: {expected}.',
    'the {g} blocks of bias_ih_l0 and bias_hh_l0 should add up to b_{g} (torch adds them; a fresh nn.GRU starts with random values in both, so put b_{g} in one and zeros in the other)':
        'bias_ih_l0과 bias_hh_l0의 {g} 블록을 더한 값이 b_{g} 값과 같아야 합니다(torch는 두 편향을 더합니다. 새로 만든 nn.GRU는 둘 다 무작위 값으로 시작하므로, 한쪽에는 b_{g} 값을, 다른 쪽에는 0을 넣으세요)',
    '{name} returned a {layer_type}; return a torch.nn.GRU(D, H) whose weights you filled in.':
        '{name}의 반환값이 {layer_type} 객체입니다. 가중치를 직접 채워 넣은 torch.nn.GRU(D, H)를 반환하세요.',
    '{name} returned a {dtype} GRU; make it float64 (torch.nn.GRU(D, H).double()) so it can match to 1e-7.':
        '{name}의 반환값이 {dtype} GRU입니다. 1e-7 이내로 일치할 수 있도록 float64로 만드세요(torch.nn.GRU(D, H).double()).',
    '{name} must return a one-layer, one-direction, time-major GRU.':
        '{name}에서는 층이 하나이고 단방향이며 시간 축이 먼저 오는(batch_first=False) GRU를 반환해야 합니다.',
    '{name} returned shape {shape} on {case}, expected (N, 2H) = {shape2}: one vector per sentence, forward half first.':
        '{case}에서 {name}의 반환값 형태가 {shape}입니다. 기대한 형태는 (N, 2H) = {shape2}입니다. 문장마다 벡터 하나를 반환하고, 순방향 절반을 앞에 두세요.',
    '{name} returned shape {shape} on {case}, expected (N,) = ({N},): one negative log-likelihood per sentence.{hint}':
        '{case}에서 {name}의 반환값 형태가 {shape}입니다. 기대한 형태는 (N,) = ({N},)이며, 문장마다 음의 로그 가능도가 하나씩 있어야 합니다.{hint}',
    'the {g} block of {tensor_name} should be {weight}.T':
        '{tensor_name}의 {g} 블록은 {weight}.T여야 합니다',
    "{name} called p.to_torch(): that is the course's own answer. Build the torch.nn.GRU and copy the blocks yourself.":
        '{name}에서 p.to_torch()를 호출했습니다. 이것은 강좌가 제공하는 정답 구현입니다. torch.nn.GRU를 직접 만들고 블록도 직접 복사하세요.',
    # grading/remote.py: what the grader says when it cannot question an answer
    "{answer} is not defined: the cell that defines it did not run or raised an error":
        '{answer}이(가) 정의되어 있지 않습니다: 그것을 정의하는 셀이 실행되지 않았거나 오류를 냈습니다',
    "the check could not question {answer} ({why}): the check cell did not run as the course wrote it, or the kernel stopped answering":
        '검사가 {answer}에 질문할 수 없었습니다({why}): 검사 셀이 강좌가 작성한 대로 실행되지 않았거나, 커널이 응답을 멈췄습니다',
    "the check could not run on {answer}: {error}: {exc}":
        '{answer}에 대해 검사를 실행할 수 없었습니다: {error}: {exc}',
    "{name} returned NaN or inf values in {items}; every entry should be a finite number.":
        '{name}이(가) {items}에 NaN이나 inf 값을 반환했습니다. 모든 항목은 유한한 수여야 합니다.',
}

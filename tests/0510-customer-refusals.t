#!/bin/sh
# cs-order customer: the e-mail address and special-needs checks, one
# refusal at a time (the branches the rest of the suite leaves out).
. "$(dirname "$0")/lib.sh"

t 'an e-mail address: one @, not first, a dot after it, no dot at the ends' <<'EOF'
$ cs-order customer add -N 王五 -p 13700137000 -e a@b
! cs-order: a@b: not an e-mail address
? 65
$ cs-order customer add -N 王五 -p 13700137000 -e @b.cn
! cs-order: @b.cn: not an e-mail address
? 65
$ cs-order customer add -N 王五 -p 13700137000 -e a@b@c.cn
! cs-order: a@b@c.cn: not an e-mail address
? 65
$ cs-order customer add -N 王五 -p 13700137000 -e a@.cn
! cs-order: a@.cn: not an e-mail address
? 65
$ cs-order customer add -N 王五 -p 13700137000 -e a@b.cn.
! cs-order: a@b.cn.: not an e-mail address
? 65
EOF

t 'an e-mail address: no blanks or brackets, UTF-8, at most 254 bytes' <<'EOF'
$ cs-order customer add -N 王五 -p 13700137000 -e 'a b@c.cn'
! cs-order: a b@c.cn: not an e-mail address
? 65
$ cs-order customer add -N 王五 -p 13700137000 -e 'a@b.cn>'
! cs-order: a@b.cn>: not an e-mail address
? 65
$ cs-order customer add -N 王五 -p 13700137000 -e "$(printf 'a\377@b.cn')" 2> err; echo $?; grep -c 'not an e-mail address' err
65
1
$ cs-order customer add -N 王五 -p 13700137000 -e "$(printf '%0250d@b.cn' 0)" 2> err; echo $?; grep -c 'not an e-mail address' err
65
1
EOF

t 'special needs: known words, each once, in a short list' <<'EOF'
$ cs-order customer add -N 王五 -p 13700137000 -n elderly,elderly
! cs-order: special needs "elderly,elderly": a list of elderly, pregnant, disabled
? 65
$ cs-order customer add -N 王五 -p 13700137000 -n elderly,wizard
! cs-order: special needs "elderly,wizard": a list of elderly, pregnant, disabled
? 65
$ cs-order customer add -N 王五 -p 13700137000 -n "$(printf 'elderly,%0130d' 0)" 2> err; echo $?; grep -c 'a list of elderly, pregnant, disabled' err
65
1
EOF

t 'nothing was added; a good address and no needs are' <<'EOF'
$ cs-order customer ls | wc -l
0
$ cs-order customer add -N 王五 -p 13700137000 -e 'wang.wu@例子.中国' -n ''
C1
$ cs-order customer show C1 | grep -E '^(email|needs)'
email    w***@例子.中国
EOF

rm -f fifo; mkfifo fifo
cs-ticket import -q fifo > /dev/null 2>&1 & pid=$!
exec 3> fifo
head -n $(($2 + 1)) "$1" >&3
sleep 1.5
sed -n "$(($2 + 2)),$(($3 + 1))p" "$1" >&3
want=$4
while kill -0 $pid 2>/dev/null &&
    [ "$(cs-ticket ls -o id | wc -l)" -lt "$want" ]; do sleep 0.1; done
sleep 0.5
kill -9 $pid; wait $pid 2>/dev/null; exec 3>&-
cs-ticket ls -o id | wc -l

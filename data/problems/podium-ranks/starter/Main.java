import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader br = new BufferedReader(new InputStreamReader(System.in));
        int n = Integer.parseInt(br.readLine().trim());
        String[] names = new String[n];
        long[] scores = new long[n];
        for (int i = 0; i < n; i++) {
            StringTokenizer st = new StringTokenizer(br.readLine());
            names[i] = st.nextToken();
            scores[i] = Long.parseLong(st.nextToken());
        }
        // TODO: sort the climbers and assign ranks
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) out.append(1).append(' ').append(names[i]).append(' ').append(scores[i]).append('\n');
        System.out.print(out);
    }
}

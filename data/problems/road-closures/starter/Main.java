import java.io.*;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        StreamTokenizer st = new StreamTokenizer(new BufferedReader(new InputStreamReader(System.in)));
        st.nextToken();
        int n = (int) st.nval;
        st.nextToken();
        int m = (int) st.nval;
        int[] u = new int[m], v = new int[m];
        for (int j = 0; j < m; j++) {
            st.nextToken();
            u[j] = (int) st.nval;
            st.nextToken();
            v[j] = (int) st.nval;
        }
        st.nextToken();
        int q = (int) st.nval;
        int[] e = new int[q];
        for (int i = 0; i < q; i++) {
            st.nextToken();
            e[i] = (int) st.nval;
        }
        // TODO: count the groups after every closure
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < q; i++) out.append(0).append('\n');
        System.out.print(out);
    }
}
